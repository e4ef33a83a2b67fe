import { describe, expect, test } from "vitest";
import { cellValues, compareVerdicts, hypothesesIn } from "../../../src/ui/fork/verdicts";

const h = (text: string, verdict: string, holds = 1, of = 1) => ({ hypothesis: { kind: "monotone", text }, holds, of, verdict });

describe("compareVerdicts(parent, fork)", () => {
  test("pairs hypotheses by cell and text and flags the verdicts that changed", () => {
    const parent = new Map<number, unknown>([[5, h("income raises approval", "holds")], [6, h("age has no effect", "fails", 0, 3)]]);
    const fork = new Map<number, unknown>([[5, h("income raises approval", "fails", 2, 5)], [6, h("age has no effect", "fails", 0, 3)]]);
    expect(compareVerdicts(parent, fork)).toEqual([
      { cell: 5, text: "income raises approval", parent: "holds", fork: "fails", changed: true },
      { cell: 6, text: "age has no effect", parent: "fails", fork: "fails", changed: false },
    ]);
  });
  test("a hypothesis only in the fork (or only in the parent) shows as changed with the other side missing", () => {
    const result = compareVerdicts(new Map<number, unknown>([[1, h("old", "holds")]]), new Map<number, unknown>([[2, h("new", "holds")]]));
    expect(result).toContainEqual({ cell: 2, text: "new", parent: undefined, fork: "holds", changed: true });
    expect(result).toContainEqual({ cell: 1, text: "old", parent: "holds", fork: undefined, changed: true });
  });
  test("values that are not hypotheses are ignored", () => {
    expect(compareVerdicts(new Map<number, unknown>([[1, 42], [2, { verdict: "x" }]]), new Map<number, unknown>([[1, "text"], [2, null]]))).toEqual([]);
  });
});

describe("finding hypotheses in cell values", () => {
  test("hypothesesIn takes one hypothesis or an array of them", () => {
    expect(hypothesesIn([h("a", "holds"), 3, h("b", "fails")]).map((x) => x.hypothesis.text)).toEqual(["a", "b"]);
  });
  test("cellValues looks inside a cell's exports by its output names", () => {
    const exports = { check: h("a", "holds"), more: [h("b", "fails")], unrelated: 1 };
    const found = cellValues(exports, ["check", "more"]).flatMap(hypothesesIn).map((x) => x.hypothesis.text);
    expect(found).toEqual(["a", "b"]);
  });
});
