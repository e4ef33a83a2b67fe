// The hypothesis kinds about explanations themselves: stable(...) and faithful(...), checked like
// any other hypothesis, on one model or a set (k of m).
import { describe, expect, test } from "vitest";
import { check, faithful, stable } from "../../src/hypotheses/index";
import { closedForm, uniformData } from "../explain/closed-form";

const features = ["x1", "x2", "x3"];
const planted = closedForm("planted", features, (r) => 3 * (r.x1 as number) + (r.x2 as number));
const flat = closedForm("flat", features, () => 1);
const data = uniformData(200, features, 4);

describe("stable(of, options)", () => {
  test("exact SHAP is stable over seeds; the statement says what it checks", async () => {
    const h = stable("shap", { row: 5, method: "exact", runs: 3 });
    expect(h.text).toBe("SHAP of row 5 (exact) is stable over 3 seeds (rank correlation ≥ 0.9)");
    const r = await check(h, planted, data);
    expect(r.verdict).toBe("holds");
    expect(r.perModel[0].evidence.rankCorrelation).toBeCloseTo(1, 12);
  });
  test("needs a row for shap and a target for importance", async () => {
    expect(() => stable("shap")).toThrow(/needs the row/);
    await expect(check(stable("importance"), planted, data)).rejects.toThrow(/needs the outcome/);
  });
});

describe("faithful(row, options)", () => {
  test("holds for a model SHAP can explain, fails where every order is as good (a constant model)", async () => {
    const r = await check(faithful(7, { method: "exact", beats: 0.7 }), [planted, flat], data);
    expect(r.of).toBe(2);
    expect(r.perModel.find((v) => v.model === "planted")!.holds).toBe(true);
    expect(r.perModel.find((v) => v.model === "flat")!.holds).toBe(false);
    expect(r.verdict).toBe("mixed");
  });
  test("refuses a row outside the data", async () => {
    await expect(check(faithful(500), planted, data)).rejects.toThrow(/row 500 is outside the data/);
  });
});
