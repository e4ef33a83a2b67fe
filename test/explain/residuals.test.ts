import { describe, expect, test } from "vitest";
import { residuals } from "../../src/explain/index";
import { closedForm } from "./closed-form";

describe("residuals(models, data, options)", () => {
  test("residual = actual − predicted, alongside the prediction and each feature", async () => {
    const data = { n: 3, columns: { x: Float64Array.of(1, 2, 3), c: ["a", "b", "a"], y: Float64Array.of(2, 2, 7) } };
    const m = closedForm("double", ["x", "c"], (r) => 2 * (r.x as number));
    const e = await residuals(m, data, { target: "y" });
    expect(e.values.predicted).toEqual([2, 4, 6]);
    expect(e.values.residual).toEqual([0, -2, 1]);
    expect(e.values.actual).toEqual([2, 2, 7]);
    expect(e.values.features.c).toEqual(["a", "b", "a"]);
    expect(e.values.features.x).toEqual([1, 2, 3]);
  });
  test("a classification residual is the 0/1 label minus the score", async () => {
    const data = { n: 2, columns: { x: Float64Array.of(0.25, 0.5), y: ["yes", "no"] } };
    const m = closedForm("p", ["x"], (r) => r.x as number, { task: "classification", positiveClass: "yes" });
    expect((await residuals(m, data, { target: "y" })).values.residual).toEqual([0.75, -0.5]);
  });
});
