import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { main } from "../../src/cli/main";
import { standardLibrary } from "../../src/stdlib";
import { exampleNotebooks } from "../example-notebooks";
import { runInThread } from "../run-in-thread";
import { capture } from "./capture";

const exec = promisify(execFile);

// Each `crossexam run` starts a worker thread that loads tsx, the runtime and the library (5 s alone on 2
// cores, 35 s seen with the suite's other worker and other work beside it): the limits leave room for that.
describe("crossexam run", { timeout: 180_000 }, () => {
  // the run `crossexam run` makes, in this thread (test/run-in-thread.ts); the tests below go through the command
  test.each(exampleNotebooks())("notebooks/%s runs headless with every cell fulfilled", async (file) => {
    const report = await runInThread(`notebooks/${file}`, { library: standardLibrary });
    const failed = report.cells.filter((c) => c.status !== "fulfilled" && c.status !== "skipped");
    expect(failed.map((c) => `#${c.id}: ${c.error}`)).toEqual([]);
    expect(report.ok).toBe(true);
  }, 180_000);

  test("reports each cell's status, time and a short value summary", async () => {
    const { out, io } = capture();
    expect(await main(["run", "notebooks/hello.html"], io)).toBe(0);
    expect(out.stdout).toMatch(/✓ #3 js [\d.]+ ms {2}points/);
    expect(out.stdout).toMatch(/✓ #4 js [\d.]+ ms {2}<svg> plot with \d+ marks/);
    expect(out.stdout).toMatch(/The table has 50 rows/);
  });

  test("--json prints a machine-readable report", async () => {
    const { out, io } = capture();
    await main(["run", "notebooks/hello.html", "--json"], io);
    const report = JSON.parse(out.stdout);
    expect(report.ok).toBe(true);
    expect(report.cells.map((c: { id: number }) => c.id)).toEqual([1, 2, 3, 4, 5]);
    expect(report.cells[2]).toMatchObject({ status: "fulfilled", outputs: ["points"] });
  });

  test("exits 1 naming the failing cells; the other cells still run; unknown types are skipped", async () => {
    const { out, io } = capture();
    expect(await main(["run", "test/fixtures/notebooks/broken.html"], io)).toBe(1);
    expect(out.stderr).toMatch(/2 cells failed: #1, #3/);
    expect(out.stdout).toMatch(/✗ #1 js .*error: Unexpected token at line 1, column 13/);
    expect(out.stdout).toMatch(/✓ #2 js .* fine/);
    expect(out.stdout).toMatch(/✗ #3 js .*missing is not defined/);
    expect(out.stdout).toMatch(/– #4 python .*not run/);
  });

  test("the installed binary sets the exit code", async () => {
    const ok = await exec("node", ["bin/crossexam.js", "run", "notebooks/hello.html"]);
    expect(ok.stdout).toMatch(/— ok in/);
    await expect(exec("node", ["bin/crossexam.js", "run", "test/fixtures/notebooks/broken.html"])).rejects.toMatchObject({ code: 1 });
  }, 240_000);

  test("a sql cell runs on DuckDB: it reads a CSV file and a js cell's value, and a js cell reads its result", async () => {
    const { out, io } = capture();
    expect(await main(["run", "test/fixtures/notebooks/sql/sql-demo.html", "--json"], io)).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report.cells.map((c: { status: string }) => c.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    expect(report.cells[1]).toMatchObject({ mode: "sql", outputs: ["older"], values: { older: "Table (2 rows × 2 columns)" } });
  }, 240_000);

  test("a file that is not a notebook gets a clear message", async () => {
    const { out, io } = capture();
    expect(await main(["run", "package.json"], io)).toBe(1);
    expect(out.stderr).toMatch(/package.json: not a notebook/);
  });

});

// Notebooks that hang, exhaust memory or throw late: each is that notebook's failure, reported
// cell by cell, and the notebooks after it still run (each runs in a worker the runner can stop).
describe("crossexam run: the watchdog", () => {
  const ROBUST = "test/fixtures/notebooks/robust";

  test("several notebooks on one command line: a loop, an out-of-memory cell, a non-notebook and a late throw are each reported; --json", async () => {
    const files = [`${ROBUST}/sync-loop.html`, `${ROBUST}/out-of-memory.html`, "package.json", `${ROBUST}/late-throw.html`, "notebooks/hello.html"];
    const run = await exec("node", ["bin/crossexam.js", "run", ...files, "--json", "--timeout", "8", "--max-memory", "160"]).then(
      () => { throw new Error("expected exit 1"); }, (e) => e as { code: number; stdout: string; stderr: string });
    expect(run.code).toBe(1);
    const reports = JSON.parse(run.stdout) as { notebook: string; ok: boolean; error?: string; cells: { id: number; status: string; error?: string }[] }[];
    expect(reports.map((r) => [r.notebook, r.ok])).toEqual(files.map((f) => [f, f === "notebooks/hello.html"]));
    const [loop, memory, notNotebook, late, hello] = reports;
    const status = (r: typeof loop) => r.cells.map((c) => `#${c.id} ${c.status}`);
    // the loop: stopped after the timeout; the cell after it never ran
    expect(status(loop)).toEqual(["#1 timeout", "#2 timeout", "#3 timeout"]);
    expect(loop.cells[1].error).toMatch(/still running after 8000 ms: stopped/);
    expect(loop.cells[2].error).toMatch(/not run: the notebook was stopped when cell #2 ran past the timeout/);
    // out of memory: that cell's error; the cells that do not need it still report their values
    expect(status(memory)).toEqual(["#1 fulfilled", "#2 rejected", "#3 fulfilled"]);
    expect(memory.cells[1].error).toMatch(/ran out of memory: the notebook's heap limit is 160 MB/);
    expect(notNotebook.error).toMatch(/not a notebook/);
    // a timer that throws after the cells are done fails that notebook, in its report
    expect(status(late)).toEqual(["#1 fulfilled", "#2 fulfilled"]);
    expect(late.error).toMatch(/uncaught error outside any cell .*thrown by a timer after the report/);
    expect(hello.cells.every((c) => c.status === "fulfilled")).toBe(true);
    expect(run.stderr).toMatch(/sync-loop.html: 3 cells failed: #1, #2, #3; cell #2 ran past the timeout of 8000 ms/);
    expect(run.stderr).toMatch(/package.json: not a notebook/);
  }, 480_000);

  test("--timeout stops a synchronous loop; the text report marks it ⧗ and exits 1", async () => {
    const { out, io } = capture();
    const started = performance.now();
    expect(await main(["run", `${ROBUST}/sync-loop.html`, "--timeout", "2"], io)).toBe(1);
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(out.stdout).toMatch(/A cell that never yields .* — FAILED/);
    expect(out.stdout).toMatch(/⧗ #2 js {2}error: still running after 2000 ms/);
    expect(out.stdout).toMatch(/✗ cell #2 ran past the timeout of 2000 ms/);
  }, 240_000);

  test("a notebook whose timer throws is not reported ok (exit 1 comes with FAILED, never after ok)", async () => {
    const { out, io } = capture();
    expect(await main(["run", `${ROBUST}/late-throw.html`], io)).toBe(1);
    expect(out.stdout).toMatch(/— FAILED in/);
    expect(out.stdout).not.toMatch(/— ok in/);
  }, 240_000);
});
