// Every ready-made cell in cells/ runs against the bundled data: each template is added to a new
// (starter) notebook after the templates it needs, fitted as the add-cell menu fits it (reusing the
// names the notebook defines, never defining one twice), and the notebook is run headless.
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { parseCellTemplate, readCellLibrary, type CellTemplate } from "../../src/ui/cell-library";
import { declaredNames, fittedSource } from "../../src/ui/fit-template";
import { starterNotebook } from "../../src/ui/new-notebook";
import { serializeNotebook } from "../../src/notebook/format";
import { nodeDom } from "../../src/notebook/node-dom";
import type { Cell, Notebook } from "../../src/notebook/types";
import type { RunReport } from "../../src/runtime/headless";
import { runInThread } from "../run-in-thread";
import { standardLibrary } from "../../src/stdlib";
import { scratchDir } from "../scratch-dir";
import { NEEDS, withNeeds } from "./template-order";

const library = readCellLibrary(Object.fromEntries(readdirSync("cells").filter((f) => f.endsWith(".js")).map((f) => [`cells/${f}`, readFileSync(`cells/${f}`, "utf8")])));

const templates = new Map<string, CellTemplate>(
  readdirSync("cells").filter((f) => f.endsWith(".js")).map((f) => {
    const t = parseCellTemplate(`cells/${f}`, readFileSync(`cells/${f}`, "utf8"));
    return [t.id, t];
  }),
);

// templates whose output is a plot (checked for marks)
const PLOTS = ["performance", "residuals", "importance", "pdp-ice", "ale", "shap", "breakdown", "what-if-explain", "plot-table",
  "rashomon-set", "mcr", "set-effects", "disagreement", "hypothesis-monotone", "hypothesis-importance", "hypothesis-interaction",
  "threshold", "counterfactual", "shap-summary"];

/**
 * A notebook of the given templates, each fitted to the cells before it, in a scratch folder beside
 * a link to data/ (so ../data/… resolves); `starter` begins with the editor's new notebook.
 */
function scratchNotebook(ids: string[], starter = false): { path: string; cellOf: Map<string, number>; notebook: Notebook } {
  const root = scratchDir("crossexam-cells-");
  symlinkSync(resolve("data"), join(root, "data"));
  mkdirSync(join(root, "notebooks"));
  const cellOf = new Map<string, number>();
  let notebook: Notebook = starter ? starterNotebook("cells") : { title: "cells", theme: "air", readOnly: false, cells: [] };
  for (const id of ids) {
    const t = templates.get(id)!;
    const cell: Cell = { id: notebook.cells.length + 1, mode: t.mode, value: fittedSource(t, notebook, library), pinned: t.mode === "js", hidden: false };
    cellOf.set(id, cell.id);
    notebook = { ...notebook, cells: [...notebook.cells, cell] };
  }
  const path = join(root, "notebooks", "scratch.html");
  writeFileSync(path, serializeNotebook(notebook, nodeDom()));
  return { path, cellOf, notebook };
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
  test("all templates added to a new notebook, each after its prerequisites, run headless with no name defined twice", async () => {
    const scratch = scratchNotebook(withNeeds([...templates.keys()].sort()), true);
    const names = scratch.notebook.cells.flatMap((c) => declaredNames(c.value));
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    cellOf = scratch.cellOf;
    report = await runInThread(scratch.path, { library: standardLibrary, timeoutMs: 90_000 });
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
    const alone = await runInThread(path, { library: standardLibrary, timeoutMs: 60_000 });
    expect(alone.cells.map((c) => [c.status, c.error])).toEqual([["fulfilled", undefined]]);
  }, 60_000);
});
