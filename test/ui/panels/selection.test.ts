import { describe, expect, test } from "vitest";
import { affectedPanels, changedParts, editValue, selectFeature, selectRow, type Selection } from "../../../src/ui/panels/selection";

// panels: importance (global) · pdp (feature) · shap (observation) · whatif (feature, observation)
const panels = [
  { id: "importance", depends: [] },
  { id: "pdp", depends: ["feature"] },
  { id: "shap", depends: ["observation"] },
  { id: "whatif", depends: ["feature", "observation"] },
] as const;
const start: Selection = { feature: "x1", row: 3, edits: {} };
const ids = (list: readonly { id: string }[]) => list.map((p) => p.id);

describe("affectedPanels(panels, prev, next)", () => {
  test("the first selection computes every panel", () => {
    expect(ids(affectedPanels(panels, undefined, start))).toEqual(["importance", "pdp", "shap", "whatif"]);
  });
  test("a new feature recomputes the feature panels only, never the global or observation ones", () => {
    expect(ids(affectedPanels(panels, start, { ...start, feature: "x2" }))).toEqual(["pdp", "whatif"]);
  });
  test("a new row recomputes the observation panels only", () => {
    expect(ids(affectedPanels(panels, start, { ...start, row: 4 }))).toEqual(["shap", "whatif"]);
  });
  test("a what-if edit counts as a new observation", () => {
    expect(ids(affectedPanels(panels, start, { ...start, edits: { x1: 0.5 } }))).toEqual(["shap", "whatif"]);
  });
  test("an unchanged selection recomputes nothing", () => {
    expect(affectedPanels(panels, start, { ...start, edits: {} })).toEqual([]);
    expect(changedParts(start, { feature: "x1", row: 3, edits: {} }).size).toBe(0);
  });
});

describe("selection updates", () => {
  test("selectFeature ignores names that are not features (e.g. an 'others (3)' bar)", () => {
    expect(selectFeature(start, "others (3)", ["x1", "x2"])).toBe(start);
    expect(selectFeature(start, "x2", ["x1", "x2"]).feature).toBe("x2");
  });
  test("selectRow drops the edits of the previous row and ignores rows outside the data", () => {
    const edited = { ...start, edits: { x1: 0.9 } };
    expect(selectRow(edited, 5, 10)).toEqual({ feature: "x1", row: 5, edits: {} });
    expect(selectRow(edited, 10, 10)).toBe(edited);
    expect(selectRow(edited, -1, 10)).toBe(edited);
  });
  test("editValue records an edit, and setting the row's own value back removes it", () => {
    const edited = editValue(start, "x1", 0.9, 0.1);
    expect(edited.edits).toEqual({ x1: 0.9 });
    expect(editValue(edited, "x1", 0.1, 0.1).edits).toEqual({});
  });
});

describe("class and scale", () => {
  test("another class recomputes every panel, global ones too; another scale only the panels that depend on it", async () => {
    const { selectClass, selectScale } = await import("../../../src/ui/panels/selection");
    const all = [...panels, { id: "breakdown", depends: ["observation", "scale"] }] as const;
    const s = { ...start, klass: 0, scale: "probability" as const };
    expect(ids(affectedPanels(all, s, selectClass(s, 2, [0, 1, 2])))).toEqual(["importance", "pdp", "shap", "whatif", "breakdown"]);
    expect(ids(affectedPanels(all, s, selectScale(s, "log-odds", ["probability", "log-odds"])))).toEqual(["breakdown"]);
    // unknown classes and scales not offered leave the selection as it was
    expect(selectClass(s, 7, [0, 1, 2])).toBe(s);
    expect(selectClass(s, "2", [0, 1, 2]).klass).toBe(2);
    expect(selectScale(s, "log-odds", ["response"])).toBe(s);
  });
});
