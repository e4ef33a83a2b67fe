// A Rashomon set's member work spread over worker_threads workers gives the in-thread results:
// the bundled credit set (12 tree ensembles, as notebooks/credit-rashomon uses it), on held-out rows.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadTable, toBatch } from "../../../src/data/index";
import { takeRows } from "../../../src/explain/index";
import {
  closeMemberWorkers, memberChunks, memberWorkers, modelClassReliance, predictAll, rashomonSet, setEffects, shapIntervals, spreadCount,
} from "../../../src/explain/rashomon/index";
import { closeWorkers, loadModel } from "../../../src/explain/worker/index";
import { loadModel as loadOnnxModel, type Batch, type OnnxPredictor } from "../../../src/model/index";

const TARGET = "Status";
let members: OnnxPredictor[];
let data: Batch;

/** Every number in `a` within 1e-12 relative of `b`'s (structure and strings equal). */
function expectSame(a: unknown, b: unknown, path = "$"): void {
  if (typeof a === "number" && typeof b === "number") {
    if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return;
    expect(Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)), path).toBeLessThanOrEqual(1e-12);
  } else if (a && typeof a === "object" && b && typeof b === "object") {
    const ka = Object.keys(a).filter((k) => k !== "ms"), kb = Object.keys(b).filter((k) => k !== "ms");
    expect(ka, path).toEqual(kb);
    for (const k of ka) expectSame((a as any)[k], (b as any)[k], `${path}.${k}`);
  } else {
    expect(a, path).toEqual(b);
  }
}

beforeAll(async () => {
  const names = Array.from({ length: 12 }, (_, i) => String(i).padStart(2, "0"));
  members = await Promise.all(names.map((k) =>
    loadModel(`data/models/credit/rashomon-${k}.onnx`, { card: `data/models/credit/rashomon-${k}.card.json` })));
  const { table } = await loadTable(readFileSync("data/credit.csv"), { format: "csv" });
  const rows = (JSON.parse(readFileSync("data/splits/credit-test-rows.json", "utf8")).rows as number[]).filter((_, i) => i % 4 === 0);
  data = takeRows(toBatch(table, [...members[0].features, TARGET]), rows);
});
afterAll(async () => {
  await closeMemberWorkers();
  await closeWorkers();
  await Promise.all((members ?? []).map((m) => m.dispose()));
});

describe("memberChunks(n, count)", () => {
  test("cuts 0…n−1 into contiguous, near-even chunks in order", () => {
    expect(memberChunks(12, 2)).toEqual([[0, 6], [6, 12]]);
    expect(memberChunks(5, 2)).toEqual([[0, 3], [3, 5]]);
    expect(memberChunks(1, 3)).toEqual([[0, 1]]);
  });
});

describe("spreadCount(members, {workers}, evaluations)", () => {
  test("Node spreads when asked or when heavy work is large; never false, more workers than members, or models without a file", async () => {
    expect(await spreadCount(members, { workers: 2 }, 1)).toBe(2);
    expect(await spreadCount(members, { workers: false }, 1e12)).toBe(0);
    expect(await spreadCount(members, {}, 1000)).toBe(0);
    // unasked, Node spreads only heavy work (importance, SHAP) that is large enough to pay for starting workers
    expect(await spreadCount(members, {}, 1e12)).toBe(0);
    expect(await spreadCount(members, {}, 1e7, true)).toBe(availableParallelism() >= 2 ? 2 : 0);
    expect(await spreadCount(members.slice(0, 2), { workers: 4 }, 1)).toBe(2);
    expect(await spreadCount(members.slice(0, 1), {}, 1e12, true)).toBe(0);
    expect(await spreadCount(members, { workers: 0 }, 1e12, true)).toBe(0);
    const plain = await loadOnnxModel("data/models/credit/rashomon-00.onnx", { card: "data/models/credit/rashomon-00.card.json", name: "plain" });
    try {
      expect(await spreadCount([plain, members[1]], { workers: 2 }, 1e12)).toBe(0);
    } finally {
      await plain.dispose();
    }
  });
});

describe("set member work in 2 workers equals the in-thread path (1e-12 relative)", () => {
  test("setEffects (PD and ALE), modelClassReliance, shapIntervals and predictions", async () => {
    const grid = { grid: { size: 8 } };
    const seen: number[] = [];
    const spreadPd = await setEffects(members, data, "Income", { ...grid, workers: 2, onProgress: (f) => seen.push(f) });
    expectSame(spreadPd, await setEffects(members, data, "Income", { ...grid, workers: false }));
    expect(memberWorkers().workers).toBe(2);
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);

    const ale = { on: "ale" as const, bins: 6 };
    expectSame(await setEffects(members, data, "Seniority", { ...ale, workers: 2 }), await setEffects(members, data, "Seniority", { ...ale, workers: false }));

    const mcr = { target: TARGET, repeats: 2, seed: 1, features: ["Income", "Seniority", "Amount"] };
    expectSame(await modelClassReliance(members, data, { ...mcr, workers: 2 }), await modelClassReliance(members, data, { ...mcr, workers: false }));

    const shap = { row: 3, background: 20, seed: 2 };
    expectSame(await shapIntervals(members, data, { ...shap, workers: 2 }), await shapIntervals(members, data, { ...shap, workers: false }));

    // a fresh batch object: predictions are cached per batch
    const fresh = { n: data.n, columns: data.columns };
    const spread = await predictAll(members, fresh, { workers: 2 });
    const local = await Promise.all(members.map((m) => m.predict({ n: data.n, columns: data.columns })));
    expectSame(spread, local);
    const set = await rashomonSet(members, fresh, { target: TARGET, epsilon: 0.005 });
    expect(set.members.length).toBeGreaterThan(0);
  }, 120_000);

  test("an abort stops every chunk (both workers settle their jobs) and rejects with an AbortError", async () => {
    const controller = new AbortController();
    const pending = setEffects(members, data, "Amount", {
      grid: { size: 40 }, workers: 2, signal: controller.signal, onProgress: () => controller.abort(),
    });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(memberWorkers().workers).toBe(2);
    // each chunk's worker acknowledges its abort (none is left computing and none was replaced)
    await expect.poll(() => memberWorkers().busy, { timeout: 4000, interval: 20 }).toBe(0);
    expect(memberWorkers().workers).toBe(2);
  }, 60_000);
});
