import { describe, expect, test } from "vitest";
import { ExplainError, ale, ice, importance, modelPerformance, pdp } from "../../src/explain/index";
import { closedForm } from "./closed-form";

const data = { n: 5, columns: { age: Float64Array.of(30, 40, 50, 60, 70), sex: ["f", "m", "f", "m", "f"], y: Float64Array.of(1, 2, 3, 4, 5) } };
const m = closedForm("gbm", ["age", "sex"], (r) => (r.age as number) / 10);

describe("explainers reject bad input with messages a user can act on", () => {
  test("an unknown feature names the feature and lists the data's columns", async () => {
    const err = await pdp(m, data, "agee").catch((e) => e);
    expect(err).toBeInstanceOf(ExplainError);
    expect(err.message).toBe("unknown feature `agee`; the data has: age, sex, y");
  });
  test("empty data is refused", async () => {
    const empty = { n: 0, columns: { age: new Float64Array(0), sex: [], y: new Float64Array(0) } };
    await expect(ale(m, empty, "age")).rejects.toThrow(/the data has no rows/);
  });
  test("a model input missing from the data is named", async () => {
    const other = closedForm("lm", ["age", "income"], () => 0);
    await expect(ice(other, data, "age")).rejects.toThrow(/model `lm` reads `income`, missing from the data/);
  });
  test("non-finite predictions name the model, the count and the first row", async () => {
    const nan = closedForm("gbm", ["age", "sex"], (r) => ((r.age as number) > 45 ? NaN : 1));
    await expect(modelPerformance(nan, data, { target: "y" })).rejects.toThrow("model `gbm` returned NaN for 3 of 5 rows (first: row 3, rows counted from 1)");
  });
  test("explicit permutations of the wrong length are refused, naming the feature", async () => {
    await expect(importance(m, data, { target: "y", features: ["age"], permutations: [[Int32Array.of(0, 1)]] }))
      .rejects.toThrow(/permutation 0 of `age` must hold 5 row indices/);
  });
  test("an unknown target column is named", async () => {
    await expect(importance(m, data, { target: "price" })).rejects.toThrow(/unknown target column `price`/);
  });
});
