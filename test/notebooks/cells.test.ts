// Every ready-made cell in cells/ runs as is against the bundled data: each template is put into a
// scratch notebook after the templates it needs, and the notebook is run headless.
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { parseCellTemplate, type CellTemplate } from "../../src/ui/cell-library";
import { runNotebookFile, type RunReport } from "../../src/runtime/headless";
import { standardLibrary } from "../../src/stdlib";
import { scratchDir } from "../scratch-dir";

const templates = new Map<string, CellTemplate>(
  readdirSync("cells").filter((f) => f.endsWith(".js")).map((f) => {
    const t = parseCellTemplate(`cells/${f}`, readFileSync(`cells/${f}`, "utf8"));
    return [t.id, t];
  }),
);

// what each template reads from cells before it (templates not listed need nothing)
const explained = ["load-dataset", "load-models", "explain-rows"];
const NEEDS: Record<string, string[]> = {
  "explain-rows": ["load-dataset", "load-models"],
  performance: explained, residuals: explained, importance: explained, "pdp-ice": explained, ale: explained,
  shap: explained, breakdown: explained, "what-if-form": explained, "what-if-explain": [...explained, "what-if-form"],
  "panel-grid": ["load-dataset", "load-models"],
  // the Rashomon set and what is asked of it
  "rashomon-family": ["load-dataset"],
  "rashomon-set": ["rashomon-family", "epsilon-input"],
  mcr: ["rashomon-set"], "set-effects": ["rashomon-set"], disagreement: ["rashomon-set"],
  "hypothesis-monotone": ["rashomon-set"], "hypothesis-importance": ["rashomon-set"], "hypothesis-interaction": ["rashomon-set"],
  audit: ["rashomon-set"],
  // the next questions
  "threshold-inputs": explained, threshold: [...explained, "threshold-inputs"], counterfactual: explained,
  "shap-summary": explained, "explanation-checks": explained,
};
// templates whose output is a plot (checked for marks)
const PLOTS = ["performance", "residuals", "importance", "pdp-ice", "ale", "shap", "breakdown", "what-if-explain", "plot-table",
  "rashomon-set", "mcr", "set-effects", "disagreement", "hypothesis-monotone", "hypothesis-importance", "hypothesis-interaction",
  "threshold", "counterfactual", "shap-summary"];

const TYPES = { js: "module", md: "text/markdown", html: "text/html" } as const;

/** A notebook of the given templates, in a scratch folder beside a link to data/ (so ../data/… resolves). */
function scratchNotebook(ids: string[]): { path: string; cellOf: Map<string, number> } {
  const root = scratchDir("crossexam-cells-");
  symlinkSync(resolve("data"), join(root, "data"));
  mkdirSync(join(root, "notebooks"));
  const cellOf = new Map<string, number>();
  const scripts = ids.map((id, i) => {
    const t = templates.get(id)!;
    cellOf.set(id, i + 1);
    return `  <script id="${i + 1}" type="${TYPES[t.mode]}">\n${t.source}\n  </script>`;
  });
  const path = join(root, "notebooks", "scratch.html");
  writeFileSync(path, `<!doctype html>\n<notebook>\n  <title>cells</title>\n${scripts.join("\n")}\n</notebook>\n`);
  return { path, cellOf };
}

/** Templates in an order where each comes after what it needs, each once. */
function withNeeds(ids: string[]): string[] {
  const out: string[] = [];
  const visit = (id: string) => {
    for (const need of NEEDS[id] ?? []) visit(need);
    if (!out.includes(id)) out.push(id);
  };
  ids.forEach(visit);
  return out;
}

describe("cells/ (ready-made cells)", () => {
  test("every prerequisite named here is a template in cells/", () => {
    for (const [id, needs] of Object.entries(NEEDS)) {
      expect(templates.has(id), id).toBe(true);
      for (const n of needs) expect(templates.has(n), `${id} needs ${n}`).toBe(true);
    }
    expect(templates.size).toBeGreaterThanOrEqual(16);
  });

  test("every template has a title and a description that says what it does", () => {
    for (const t of templates.values()) {
      expect(t.title.length, t.id).toBeGreaterThan(3);
      expect(t.description.length, t.id).toBeGreaterThan(20);
    }
  });

  let report: RunReport;
  let cellOf: Map<string, number>;
  test("all templates together, each after its prerequisites, run headless", async () => {
    const scratch = scratchNotebook(withNeeds([...templates.keys()].sort()));
    cellOf = scratch.cellOf;
    report = await runNotebookFile(scratch.path, { library: standardLibrary, timeoutMs: 90_000 });
    expect(report.cells.filter((c) => c.status !== "fulfilled").map((c) => `${[...cellOf].find(([, n]) => n === c.id)?.[0]}: ${c.error}`)).toEqual([]);
  }, 120_000);

  test.each([...templates.keys()].sort())("cells/%s.js is fulfilled (and draws a plot with marks where it is a plot)", (id) => {
    expect(report, "the run above failed").toBeDefined();
    const cell = report.cells.find((c) => c.id === cellOf.get(id))!;
    expect([id, cell.status, cell.error]).toEqual([id, "fulfilled", undefined]);
    if (PLOTS.includes(id)) expect(cell.summary).toMatch(/plot with [1-9]\d* marks/);
  });

  test.each([...templates.keys()].filter((id) => !NEEDS[id]).sort())("cells/%s.js runs alone in a notebook of its own", async (id) => {
    const { path } = scratchNotebook([id]);
    const alone = await runNotebookFile(path, { library: standardLibrary, timeoutMs: 60_000 });
    expect(alone.cells.map((c) => [c.status, c.error])).toEqual([["fulfilled", undefined]]);
  }, 60_000);
});
