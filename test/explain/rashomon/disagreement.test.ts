import { describe, expect, test } from "vitest";
import { compareModels, disagreement, disagreementSlices, searchSlices } from "../../../src/explain/rashomon/index";
import { closedForm } from "../closed-form";
import { family, FEATURES, memberFn, MEMBERS, syntheticBatch } from "./family";

const data = syntheticBatch(1000);
const col = (f: string) => data.columns[f] as Float64Array;
const row = (i: number) => Object.fromEntries(FEATURES.map((f) => [f, col(f)[i]]));

describe("disagreement(members, data, {task})", () => {
  test("spread and sd per row are those of the members' predictions", async () => {
    const d = await disagreement(family(), data);
    for (const i of [0, 17, 999]) {
      const preds = MEMBERS.map(({ c, d: s }) => memberFn(c, s)(row(i)));
      const m = preds.reduce((a, b) => a + b) / preds.length;
      expect(d.spread[i]).toBeCloseTo(Math.max(...preds) - Math.min(...preds), 12);
      expect(d.sd[i]).toBeCloseTo(Math.sqrt(preds.reduce((s, p) => s + (p - m) ** 2, 0) / (preds.length - 1)), 12);
    }
    expect(d.top[0].spread).toBe(Math.max(...d.spread));
    expect(d.top.map((t) => t.spread)).toEqual([...d.top.map((t) => t.spread)].sort((a, b) => b - a));
  });

  test("members disagree most inside the planted region |x2|, |x3| > 0.5", async () => {
    const d = await disagreement(family(), data);
    let inside = 0, nIn = 0, outside = 0, nOut = 0;
    for (let i = 0; i < data.n; i++) {
      if (Math.abs(col("x2")[i]) > 0.5 && Math.abs(col("x3")[i]) > 0.5) { inside += d.spread[i]; nIn++; } else { outside += d.spread[i]; nOut++; }
    }
    expect(inside / nIn).toBeGreaterThan(3 * (outside / nOut));
    for (const t of d.top.slice(0, 5)) {
      expect(Math.abs(col("x2")[t.row])).toBeGreaterThan(0.5);
      expect(Math.abs(col("x3")[t.row])).toBeGreaterThan(0.5);
    }
  });

  test("the slices of highest mean spread are cut on x2 and x3, with support at least the minimum", async () => {
    const slices = await disagreementSlices(family(), data, { minSupport: 30 });
    expect(new Set(slices[0].conditions.map((c) => c.feature))).toEqual(new Set(["x2", "x3"]));
    for (const s of slices) expect(s.support).toBeGreaterThanOrEqual(30);
    expect(slices[0].mean).toBeGreaterThan(2 * slices[0].overall);
    expect(slices[0].text).toMatch(/^x[23] (<=|>) -?[\d.]+ and x[23] (<=|>) -?[\d.]+$/);
  });

  test("classification: ambiguity is the share of rows whose predicted class differs across members", async () => {
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    const members = [0, 0.3, -0.3].map((s, k) => closedForm(`c${k}`, FEATURES, (r) => sig(3 * (r.x1 as number) + s), { task: "classification" }));
    const d = await disagreement(members, data);
    // the decisions differ exactly where 3·x1 lies between −0.3 and 0.3
    let expected = 0;
    for (let i = 0; i < data.n; i++) if (3 * col("x1")[i] >= -0.3 && 3 * col("x1")[i] < 0.3) expected++;
    expect(d.ambiguity).toBeCloseTo(expected / data.n, 12);
    expect(d.ambiguous!.filter(Boolean).length).toBe(expected);
    // the extreme pair (+0.3 vs −0.3) gives the largest discrepancy: the same rows
    expect(d.discrepancy).toBeCloseTo(expected / data.n, 12);
    expect(new Set(d.discrepancyPair)).toEqual(new Set(["c1", "c2"]));
  });

  test("a set of one model is a sentence, not an error: no spread, nothing ambiguous, no slices", async () => {
    const one = family().slice(0, 1);
    const d = await disagreement(one, data);
    expect(d.note).toBe(`one model is within ε (${one[0].name}): nothing to compare`);
    expect([d.models, d.meanSpread, d.discrepancy, d.ambiguity, d.top]).toEqual([[one[0].name], 0, 0, 0, []]);
    expect(d.spread.every((s) => s === 0)).toBe(true);
    expect(await disagreementSlices(d, data)).toEqual([]);
  });

  test("no model at all is an error saying why the set may be empty", async () => {
    await expect(disagreement([], data)).rejects.toThrow(/needs models; got none/);
  });
});

describe("searchSlices(data, quantity, {minSupport, depth})", () => {
  test("a quantity planted in group c is found as the slice `group = c`", () => {
    const q = (data.columns.group as string[]).map((g) => (g === "c" ? 1 : 0));
    const top = searchSlices(data, q, { depth: 1, exclude: ["y"] });
    expect(top[0].text).toBe("group = c");
    expect(top[0].mean).toBe(1);
    expect(top[0].support).toBe(q.filter((v) => v === 1).length);
  });
  test("no slice is smaller than minSupport", () => {
    const q = Array.from(col("x1"), (v) => v);
    for (const s of searchSlices(data, q, { minSupport: 0.2, exclude: ["y"] })) expect(s.support).toBeGreaterThanOrEqual(200);
  });
});

describe("compareModels(champion, challenger, data)", () => {
  const champion = closedForm("champion", FEATURES, memberFn(2, 0));
  // the challenger departs from the champion only where x1 > 0.5
  const challenger = closedForm("challenger", FEATURES, (r) => memberFn(2, 0)(r) + ((r.x1 as number) > 0.5 ? 1 : 0));

  test("rows differ only where x1 > 0.5, and the top slice says so", async () => {
    const c = await compareModels(champion, challenger, data, { target: "y", repeats: 2 });
    c.difference.forEach((d, i) => expect(d).toBeCloseTo(col("x1")[i] > 0.5 ? 1 : 0, 12));
    expect(c.slices[0].conditions.some((k) => k.feature === "x1" && k.op === ">")).toBe(true);
    expect(c.slices[0].mean).toBeCloseTo(1, 12);
    expect(c.maxAbsDifference).toBeCloseTo(1, 12);
  });

  test("importance (mse dropout) and PD differ most on x1", async () => {
    const c = await compareModels(champion, challenger, data, { target: "y", loss: "mse", repeats: 3 });
    expect(c.importance![0].feature).toBe("x1");
    expect(c.pdp[0].feature).toBe("x1");
    for (const p of c.pdp.slice(1)) expect(p.maxAbsDifference).toBeLessThan(0.6);
  });
});
