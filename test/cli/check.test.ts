import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { checkCommand, collectResults } from "../../src/cli/check";
import { check, monotone } from "../../src/hypotheses/index";
import { closedForm } from "../explain/closed-form";
import { syntheticBatch, truth, FEATURES } from "../explain/rashomon/family";
import { scratchDir } from "../scratch-dir";
import { capture } from "./capture";

const dir = scratchDir("crossexam-check-");

/** A hypothesis result as a cell would hold it (written out literally, as check() returns it). */
function resultCell(name: string, text: string, holds: number, of: number, failing: string[], expected: boolean): string {
  const verdict = holds === of ? "holds" : holds === 0 ? "fails" : "mixed";
  const result = { hypothesis: { kind: "monotone", text, expected }, holds, of, verdict, perModel: [], failing };
  return `const ${name} = ${JSON.stringify(result)};`;
}

function notebook(file: string, cells: string[]): string {
  const body = cells.map((c, k) => `  <script id="${k + 1}" type="module" pinned="">\n    ${c}\n  </script>`).join("\n");
  const path = join(dir, file);
  writeFileSync(path, `<!doctype html>\n<notebook theme="air">\n  <title>${file}</title>\n${body}\n</notebook>\n`);
  return path;
}

// each check runs its notebook in a worker thread, whose start alone takes 5–35 s by the machine's load
describe("crossexam check NOTEBOOK.html", { timeout: 180_000 }, () => {
  test("prints every hypothesis with k of m and exits 0 when every expected one holds", async () => {
    const path = notebook("holds.html", [
      resultCell("h1", "effect of x1 is increasing (PD, tolerance 0)", 5, 5, [], true),
      `const others = [${JSON.stringify({ hypothesis: { kind: "interaction", text: "interaction of x2 and x3 has H² above 0.5" }, holds: 2, of: 5, verdict: "mixed", perModel: [], failing: ["m1", "m2", "m3"] })}, 42];`,
      "const unrelated = {holds: 1};",
    ]);
    const { out, io } = capture();
    expect(await checkCommand([path], io)).toBe(0);
    expect(out.stdout).toContain("2 hypotheses");
    expect(out.stdout).toContain("h1: ✓ effect of x1 is increasing (PD, tolerance 0): holds in 5 of 5 models  [expected]");
    expect(out.stdout).toContain("others: ◐ interaction of x2 and x3 has H² above 0.5: holds in 2 of 5 models; fails in m1, m2, m3");
    expect(out.stderr).toBe("");
  });

  test("exits 1 listing every expected hypothesis that fails in some model", async () => {
    const path = notebook("violated.html", [
      resultCell("a", "effect of x1 is increasing (PD, tolerance 0)", 3, 5, ["m3", "m4"], true),
      resultCell("b", "x1 is more important than x4 (permutation dropout)", 0, 5, ["m0", "m1", "m2", "m3", "m4"], true),
      resultCell("c", "effect of x5 is increasing (PD, tolerance 0)", 0, 5, ["m0"], false),
    ]);
    const { out, io } = capture();
    expect(await checkCommand([path], io)).toBe(1);
    expect(out.stderr).toContain("2 expected hypotheses do not hold in every model");
    expect(out.stderr).toContain("✗ effect of x1 is increasing (PD, tolerance 0): holds in 3 of 5; fails in m3, m4");
    expect(out.stderr).toContain("✗ x1 is more important than x4");
    expect(out.stderr).not.toContain("x5");
  });

  test("exits 1 when the notebook fails to run, naming the cell", async () => {
    const path = notebook("broken.html", [resultCell("a", "t", 1, 1, [], true), "const b = undefinedThing + 1;"]);
    const { out, io } = capture();
    expect(await checkCommand([path], io)).toBe(1);
    expect(out.stderr).toMatch(/did not run: cell #2: .*undefinedThing/);
  });

  test("--json gives the rows a plot can draw; a missing file is an error", async () => {
    const path = notebook("json.html", [resultCell("a", "effect of x1 is increasing (PD, tolerance 0)", 4, 5, ["m2"], false)]);
    const { out, io } = capture();
    expect(await checkCommand([path, "--json"], io)).toBe(0);
    expect(JSON.parse(out.stdout).hypotheses[0]).toMatchObject({ cell: "a", holds: 4, of: 5, verdict: "mixed", failing: ["m2"], violated: false });
    const missing = capture();
    expect(await checkCommand([join(dir, "nope.html")], missing.io)).toBe(1);
    expect(missing.out.stderr).toMatch(/nope\.html/);
  });

  test("no notebook given: usage and exit 2", async () => {
    const { out, io } = capture();
    expect(await checkCommand([], io)).toBe(2);
    expect(out.stderr).toMatch(/usage: crossexam check/);
  });
});

describe("collectResults(values)", () => {
  test("finds results computed by check(), alone and in arrays, and ignores other values", async () => {
    const data = syntheticBatch(200);
    const r = await check(monotone("x1", "increasing"), closedForm("truth", FEATURES, truth), data);
    const found = collectResults(new Map<string, unknown>([["one", r], ["many", [r, 3, r]], ["other", { hypothesis: 1 }], ["nothing", null]]));
    expect(found.map((f) => f.name)).toEqual(["one", "many", "many"]);
  });
});

// The bundled Rashomon notebooks: `crossexam check` on each must pass (every hypothesis the notebook
// marks expected holds in every member of its set) and report k of m for every hypothesis.
describe("crossexam check on the bundled Rashomon notebooks", () => {
  interface Row { cell: string; text: string; holds: number; of: number; verdict: string; expected: boolean; violated: boolean }
  async function checkJson(path: string): Promise<{ code: number; rows: Row[]; stderr: string }> {
    const { out, io } = capture();
    const code = await checkCommand([path, "--json"], io);
    return { code, rows: JSON.parse(out.stdout).hypotheses as Row[], stderr: out.stderr };
  }

  test("notebooks/credit-rashomon.html exits 0: the expected conclusions hold in every member, the exploratory ones are reported", async () => {
    const { code, rows, stderr } = await checkJson("notebooks/credit-rashomon.html");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const expected = rows.filter((r) => r.expected);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    // one set: every hypothesis is checked on the same members, more than one of them
    const m = rows[0].of;
    expect(m).toBeGreaterThan(1);
    expect(m).toBeLessThanOrEqual(12);
    for (const r of rows) expect(r.of, r.text).toBe(m);
    for (const r of expected) expect([r.text, r.holds, r.verdict]).toEqual([r.text, m, "holds"]);
    expect(expected.map((r) => r.text)).toContain("effect of Records from no to yes is positive (PD)");
    // the exploratory ones are not all trivially true
    expect(rows.filter((r) => !r.expected).some((r) => r.verdict !== "holds")).toBe(true);
  }, 240_000);

  test("notebooks/synthetic-hypotheses.html exits 0: the planted structure holds in all 12 members, the false statements in none", async () => {
    const { code, rows, stderr } = await checkJson("notebooks/synthetic-hypotheses.html");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const byText = new Map(rows.map((r) => [r.text, r]));
    // y = 3·x1 + 2·x2·x3 + 0.5·x5² + noise (data/README.md): x1 rises, x2 and x3 interact, x4 is inert
    for (const text of ["effect of x1 is increasing (PD, tolerance 0.1)", "interaction of x2 and x3 has H² above 0.3", "importance of x4 (model reliance) is below 1.05"]) {
      expect(byText.get(text), text).toMatchObject({ holds: 12, of: 12, verdict: "holds", expected: true });
    }
    // x5's effect is a U, x1 and x4 do not interact: no member may claim otherwise
    expect(byText.get("effect of x5 is increasing (PD, tolerance 0.02)")).toMatchObject({ holds: 0, of: 12, verdict: "fails", expected: false });
    expect(byText.get("interaction of x1 and x4 has H² above 0.05")).toMatchObject({ holds: 0, of: 12, expected: false });
  }, 240_000);
});
