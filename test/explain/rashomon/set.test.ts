import { describe, expect, test } from "vitest";
import { rashomonSet } from "../../../src/explain/rashomon/index";
import { rmse } from "../../../src/explain/index";
import { closedForm } from "../closed-form";
import { family, FEATURES, poorCandidates, syntheticBatch } from "./family";

const data = syntheticBatch(1000);
const y = data.columns.y as Float64Array;

async function lossesOf(models: ReturnType<typeof family>) {
  return Promise.all(models.map(async (m) => rmse(y, await m.predict(data))));
}

describe("rashomonSet(candidates, data, {target, metric, epsilon})", () => {
  test("members are exactly the candidates with loss ≤ best + ε; the best has the smallest loss", async () => {
    const candidates = [...family(), ...poorCandidates()];
    const losses = await lossesOf(candidates);
    const best = Math.min(...losses);
    const set = await rashomonSet(candidates, data, { target: "y", metric: "rmse", epsilon: 0.05 });
    expect(set.mode).toBe("absolute");
    expect(set.best.name).toBe(candidates[losses.indexOf(best)].name);
    expect(set.members.map((m) => m.name)).toEqual(candidates.filter((_, k) => losses[k] <= best + 0.05).map((m) => m.name));
    expect(set.excluded.map((m) => m.name)).toEqual(expect.arrayContaining(["additive", "x1-only"]));
    set.scores.forEach((s, k) => expect(s.loss).toBeCloseTo(losses[k], 12));
    expect(set.rule).toMatch(/rmse ≤ best \(.*\) \+ 0.05/);
  });

  test("the planted family fits within ε = 0.05 of the best while models without the interaction do not", async () => {
    const set = await rashomonSet([...family(), ...poorCandidates()], data, { target: "y", epsilon: 0.05 });
    expect(set.members).toHaveLength(family().length);
  });

  test("shrinking ε to 0 leaves only the best model", async () => {
    const set = await rashomonSet([...family(), ...poorCandidates()], data, { target: "y", epsilon: 0 });
    expect(set.members).toEqual([set.best]);
  });

  test("relative mode keeps models with loss ≤ best·(1 + ε) and says so", async () => {
    const candidates = family();
    const losses = await lossesOf(candidates);
    const best = Math.min(...losses);
    const set = await rashomonSet(candidates, data, { target: "y", epsilon: 0.02, relative: true });
    expect(set.mode).toBe("relative");
    expect(set.threshold).toBeCloseTo(best * 1.02, 12);
    expect(set.members.map((m) => m.name)).toEqual(candidates.filter((_, k) => losses[k] <= best * 1.02).map((m) => m.name));
  });

  test("recomputing with another ε or metric calls no model again", async () => {
    const candidates = family();
    await rashomonSet(candidates, data, { target: "y", epsilon: 0.1 });
    const calls = candidates.map((m) => m.calls);
    await rashomonSet(candidates, data, { target: "y", epsilon: 0.01 });
    await rashomonSet(candidates, data, { target: "y", metric: "mae", epsilon: 0.01 });
    expect(candidates.map((m) => m.calls)).toEqual(calls);
    expect(calls.every((c) => c === 1)).toBe(true);
  });

  test("a different slice of the data is a new batch and is predicted afresh", async () => {
    const candidates = family();
    await rashomonSet(candidates, data, { target: "y", epsilon: 0.1 });
    const half = { n: 500, columns: Object.fromEntries(Object.entries(data.columns).map(([k, c]) => [k, c.slice(0, 500)])) } as typeof data;
    await rashomonSet(candidates, half, { target: "y", epsilon: 0.1 });
    expect(candidates.map((m) => m.calls).every((c) => c === 2)).toBe(true);
  });

  test("refuses a negative ε, mixed tasks, repeated names and an unknown metric with a message saying what to do", async () => {
    const [a, b] = family();
    await expect(rashomonSet([a, b], data, { target: "y", epsilon: -1 })).rejects.toThrow(/epsilon must be a number ≥ 0/);
    const cls = closedForm("cls", FEATURES, () => 0.5, { task: "classification" });
    await expect(rashomonSet([a, cls], data, { target: "y", epsilon: 1 })).rejects.toThrow(/mix tasks/);
    await expect(rashomonSet([a, a], data, { target: "y", epsilon: 1 })).rejects.toThrow(/two candidates are named `m0`/);
    await expect(rashomonSet([a], data, { target: "y", epsilon: 1, metric: "nope" })).rejects.toThrow(/unknown loss `nope`/);
    await expect(rashomonSet([a], data, { target: "nope", epsilon: 1 })).rejects.toThrow(/unknown target column `nope`/);
  });
});
