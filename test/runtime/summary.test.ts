// The headless report's one-line summaries: what a cell displayed, else name = value for its declarations.
import { describe, expect, test } from "vitest";
import type { CellState } from "../../src/runtime";
import { declaredValues, summarizeCell, summarizeOutputs } from "../../src/runtime/summary";

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
  test("what a cell displayed comes first; an expression cell shows its value", () => {
    expect(summarizeCell(state(["a"], ["shown"]), { a: 1 })).toBe('"shown"');
    expect(summarizeCell(state([]), 42)).toBe("42");
  });
});
