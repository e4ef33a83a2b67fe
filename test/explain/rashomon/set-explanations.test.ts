import { describe, expect, test } from "vitest";
import { ale, importance, pdp, shap } from "../../../src/explain/index";
import { modelClassReliance, setEffects, shapIntervals } from "../../../src/explain/rashomon/index";
import { family, syntheticBatch } from "./family";

const data = syntheticBatch(600);

describe("setEffects(members, data, feature, {on})", () => {
  test("the PD band at each grid point spans exactly the members' PD values, with ordered quartiles", async () => {
    const members = family();
    const bands = await setEffects(members, data, "x2", { grid: { size: 9 } });
    const each = await pdp(members, data, "x2", { grid: { size: 9 } });
    expect(bands.grid).toEqual(each[0].values.grid);
    bands.band.forEach((b, k) => {
      const values = each.map((e) => e.values.average[k]);
      expect(b.min).toBeCloseTo(Math.min(...values), 12);
      expect(b.max).toBeCloseTo(Math.max(...values), 12);
      expect(b.min).toBeLessThanOrEqual(b.q25);
      expect(b.q25).toBeLessThanOrEqual(b.median);
      expect(b.median).toBeLessThanOrEqual(b.q75);
      expect(b.q75).toBeLessThanOrEqual(b.max);
    });
    expect(bands.curves.map((c) => c.model)).toEqual(members.map((m) => m.name));
  });

  test("members sharing the x1 term have the same ALE of x1: the band has zero width", async () => {
    const bands = await setEffects(family(), data, "x1", { on: "ale", bins: 10 });
    for (const b of bands.band) expect(b.max - b.min).toBeLessThan(1e-9);
    const one = await ale(family()[0], data, "x1", { bins: 10 });
    expect(bands.grid).toEqual((one.values as { edges: number[] }).edges);
  });

  test("an unknown effect kind is refused", async () => {
    await expect(setEffects(family(), data, "x1", { on: "shap" as never })).rejects.toThrow(/unknown effect `shap`/);
  });
});

describe("modelClassReliance(members, data, {target, loss, repeats, seed})", () => {
  test("MCR− and MCR+ are the smallest and largest of the members' own model reliance", async () => {
    const members = family();
    const mcr = await modelClassReliance(members, data, { target: "y", repeats: 3, seed: 5 });
    const each = await importance(members, data, { target: "y", repeats: 3, seed: 5 });
    for (const f of ["x1", "x2", "x4"]) {
      const ratios = each.map((e) => e.values.features.find((x) => x.feature === f)!.ratio);
      const r = mcr.features.find((x) => x.feature === f)!;
      expect(r.mcrMinus).toBeCloseTo(Math.min(...ratios), 12);
      expect(r.mcrPlus).toBeCloseTo(Math.max(...ratios), 12);
      expect(r.members).toHaveLength(members.length);
    }
  });

  test("the null feature x4's interval contains 1 and is narrow; x1's lies far above 1", async () => {
    const mcr = await modelClassReliance(family(), data, { target: "y", repeats: 3 });
    const x4 = mcr.features.find((f) => f.feature === "x4")!;
    expect(x4.mcrMinus).toBeLessThanOrEqual(1 + 1e-12);
    expect(x4.mcrPlus).toBeGreaterThanOrEqual(1 - 1e-12);
    expect(x4.mcrPlus - x4.mcrMinus).toBeLessThan(0.02);
    const x1 = mcr.features.find((f) => f.feature === "x1")!;
    expect(x1.mcrMinus).toBeGreaterThan(2);
    expect(mcr.features[0].feature).toBe("x1");
  });
});

describe("shapIntervals(members, data, {row})", () => {
  test("members with the same x1 term agree on φ(x1); they differ on φ(x2), which the interaction term drives", async () => {
    const r = await shapIntervals(family(), data, { row: 3, background: 40, method: "exact" });
    const x1 = r.features.find((f) => f.feature === "x1")!;
    expect(x1.max - x1.min).toBeLessThan(1e-9);
    const x2 = r.features.find((f) => f.feature === "x2")!;
    expect(x2.max - x2.min).toBeGreaterThan(1e-3);
    for (const f of r.features) {
      expect(f.min).toBeLessThanOrEqual(f.mean);
      expect(f.mean).toBeLessThanOrEqual(f.max);
    }
    expect(Object.values(r.methods)).toEqual(family().map(() => "exact"));
  });

  test("each member's values are that member's own SHAP values against the same background", async () => {
    const members = family().slice(0, 2);
    const r = await shapIntervals(members, data, { row: 8, background: 30, method: "exact", seed: 2 });
    const direct = await shap(members[1], data, { row: 8, background: 30, method: "exact", seed: 2 });
    direct.values.features.forEach((f, j) => {
      expect(r.features.find((x) => x.feature === f)!.values[1].phi).toBeCloseTo(direct.values.values[j], 10);
    });
  });
});
