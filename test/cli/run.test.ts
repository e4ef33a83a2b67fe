import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { main } from "../../src/cli/main";
import { runNotebookFile } from "../../src/runtime/headless";
import { standardLibrary } from "../../src/stdlib";
import { capture } from "./capture";

const exec = promisify(execFile);

describe("crossexam run", () => {
  const notebooks = readdirSync("notebooks").filter((f) => f.endsWith(".html"));
  test.each(notebooks)("notebooks/%s runs headless with every cell fulfilled", async (file) => {
    const report = await runNotebookFile(`notebooks/${file}`, { library: standardLibrary });
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
  }, 60_000);

  test("a file that is not a notebook gets a clear message", async () => {
    const { out, io } = capture();
    expect(await main(["run", "package.json"], io)).toBe(1);
    expect(out.stderr).toMatch(/package.json: not a notebook/);
  });
});
