import { describe, expect, test } from "vitest";
import { friedmanH, pairwiseH } from "../../../src/explain/rashomon/index";
import { closedForm } from "../closed-form";
import { family, FEATURES, syntheticBatch } from "./family";

const data = syntheticBatch(400);

describe("friedmanH(model, data, a, b, {rows})", () => {
  test("an additive model has H² = 0 for every pair", async () => {
    const m = closedForm("additive", FEATURES, (r) => 3 * (r.x1 as number) + Math.sin(3 * (r.x2 as number)));
    const h = await friedmanH(m, data, "x1", "x2", { rows: 40 });
    expect(h.h2).toBeLessThan(1e-20);
  });

  test("a pure product of centred features has H² near 1", async () => {
    const m = closedForm("product", FEATURES, (r) => (r.x2 as number) * (r.x3 as number));
    const h = await friedmanH(m, data, "x2", "x3", { rows: 60 });
    expect(h.h2).toBeGreaterThan(0.8);
    expect(h.h2).toBeLessThanOrEqual(1 + 1e-9);
  });

  test("the planted interaction x2:x3 is the strongest pair in every member", async () => {
    for (const m of family().slice(0, 3)) {
      const pairs = await pairwiseH(m, data, ["x1", "x2", "x3", "x4", "x5"], { rows: 30 });
      expect([pairs[0].a, pairs[0].b]).toEqual(["x2", "x3"]);
      expect(pairs[0].h2).toBeGreaterThan(10 * pairs[1].h2 + 0.01);
    }
  });

  test("uses one predict call of 3·rows² rows", async () => {
    const m = family()[0];
    const h = await friedmanH(m, data, "x2", "x3", { rows: 20 });
    expect(m.calls).toBe(1);
    expect(h.evaluations).toBe(3 * 20 * 20);
  });

  test("the same feature twice and unknown features are refused", async () => {
    const m = family()[0];
    await expect(friedmanH(m, data, "x2", "x2")).rejects.toThrow(/two different features/);
    await expect(friedmanH(m, data, "x2", "age")).rejects.toThrow(/unknown feature `age`/);
  });
});
