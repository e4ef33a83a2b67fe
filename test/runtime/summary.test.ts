// The headless report's one-line summaries: name = value for a cell's declarations, else what it displayed.
import { describe, expect, test } from "vitest";
import { installDomGlobals } from "../../src/runtime/node-host";
import type { CellState } from "../../src/runtime";
import { declaredValues, summarizeCell, summarizeOutputs } from "../../src/runtime/summary";

installDomGlobals();

const state = (outputs: string[], displayed: unknown[] = []): CellState =>
  ({ id: 1, status: { state: "fulfilled", value: undefined, ms: 1 }, displayed, runs: 1, outputs, inputs: [] });

describe("summarizeCell", () => {
  test("a declaration cell shows each name with its value", () => {
    expect(summarizeCell(state(["fine", "label"]), { fine: 1042, label: "ok" })).toBe('fine = 1042, label = "ok"');
    expect(summarizeOutputs(state(["fine", "label"]), { fine: 1042, label: "ok" })).toEqual({ fine: "1042", label: '"ok"' });
  });
  test("a cell with one named output (ojs `x = …`) gives the value itself", () => {
    expect(declaredValues(["x"], [1, 2, 3])).toEqual({ x: [1, 2, 3] });
    expect(summarizeCell(state(["x"]), [1, 2, 3])).toBe("x = Array(3)");
  });
  test("a declaring cell that shows only a form (a sql cell's table view) names its values, then the form", () => {
    const table = { numRows: () => 2, numCols: () => 3 };
    const shown = document.createElement("form");
    expect(summarizeCell(state(["older"], [shown]), { older: table })).toBe("older = Table (2 rows × 3 columns) · shows <form>");
  });
  test("what a declaring cell displays otherwise comes first (a view's sentence, a plot)", () => {
    expect(summarizeCell(state(["a"], ["shown"]), { a: 1 })).toBe('"shown"');
    const view = document.createElement("div");
    view.textContent = "One model is within ε: nothing to compare";
    expect(summarizeCell(state(["d"], [view]), { d: {} })).toBe("<div> One model is within ε: nothing to compare");
  });
  test("an input's stream of values (view) is told by the input shown; an expression cell shows its value", () => {
    const stream = { next() {}, throw() {}, return() {} };
    const shown = document.createElement("form");
    shown.textContent = "points";
    expect(summarizeCell(state(["n"], [shown]), { n: stream })).toBe("<form> points");
    expect(summarizeCell(state([]), 42)).toBe("42");
  });
});
