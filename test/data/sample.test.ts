// sample(table, n, {seed, stratify}) and allocate(sizes, n): reproducible, stratified row samples.
import * as aq from "arquero";
import { describe, expect, test } from "vitest";
import { allocate, sample } from "../../src/data";

const range = (n: number, f: (i: number) => unknown) => Array.from({ length: n }, (_, i) => f(i));
// 1000 rows: 70% "a", 25% "b", 5% "c", with a row number to check where sampled rows came from
const groups = range(1000, (i) => (i % 20 === 0 ? "c" : i % 4 === 1 ? "b" : "a"));
const table = aq.table({ row: range(1000, (i) => i), g: groups });
const share = (values: unknown[], level: string) => values.filter((v) => v === level).length;

describe("sample(table, n, {seed})", () => {
  test("draws n distinct rows, increasing, and reports their original indices", () => {
    const s = sample(table, 100, { seed: 1 });
    expect(s.table.numRows()).toBe(100);
    expect(new Set(s.rows).size).toBe(100);
    expect(Array.from(s.rows)).toEqual(Array.from(s.rows).sort((a, b) => a - b));
    expect(s.table.array("row")).toEqual(Array.from(s.rows));
  });

  test("the same seed gives the same rows; another seed, other rows", () => {
    const a = sample(table, 50, { seed: 7 }).rows;
    expect(sample(table, 50, { seed: 7 }).rows).toEqual(a);
    expect(sample(table, 50, { seed: 8 }).rows).not.toEqual(a);
  });

  test("n ≥ rows returns every row", () => {
    expect(Array.from(sample(table, 5000, { seed: 1 }).rows)).toEqual(range(1000, (i) => i));
  });

  test("a filtered table is sampled among its visible rows, indices relative to them", () => {
    const only = table.filter((d: { g: string }) => d.g === "c");
    const s = sample(only, 10, { seed: 3 });
    expect(s.table.array("g")).toEqual(range(10, () => "c"));
    expect(Array.from(s.rows).every((r) => r < 50)).toBe(true);
  });
});

describe("sample(table, n, {seed, stratify})", () => {
  test("keeps each level's share within rounding", () => {
    const counts = { a: share(groups, "a"), b: share(groups, "b"), c: share(groups, "c") };
    const s = sample(table, 200, { seed: 2, stratify: "g" });
    expect(s.table.numRows()).toBe(200);
    const got = s.table.array("g") as string[];
    for (const [level, size] of Object.entries(counts)) {
      expect(Math.abs(share(got, level) - (200 * size) / 1000)).toBeLessThan(1);
    }
  });

  test("is reproducible by seed", () => {
    expect(sample(table, 60, { seed: 4, stratify: "g" }).rows).toEqual(sample(table, 60, { seed: 4, stratify: "g" }).rows);
  });

  test("every non-empty level, missing included, gets at least one row", () => {
    const t = aq.table({ g: [...range(98, () => "big"), "rare", null] });
    const got = sample(t, 5, { seed: 1, stratify: "g" }).table.array("g");
    expect(got).toHaveLength(5);
    expect(got).toContain("rare");
    expect(got).toContain(null);
  });

  test("a stratify column that does not exist is refused", () => {
    expect(() => sample(table, 5, { seed: 1, stratify: "grp" })).toThrow("options.stratify names `grp`, which the table lacks; the table has: row, g");
  });
});

describe("allocate(sizes, n)", () => {
  test("sums to n and is proportional within one", () => {
    const sizes = [333, 333, 334, 7, 1000];
    for (const n of [10, 99, 500, 1006]) {
      const take = allocate(sizes, n);
      expect(take.reduce((s, x) => s + x, 0)).toBe(n);
      const total = sizes.reduce((s, x) => s + x, 0);
      take.forEach((t, h) => expect(Math.abs(t - (n * sizes[h]) / total)).toBeLessThanOrEqual(1));
    }
  });

  test("gives one to each non-empty stratum even when that exceeds n, and none to empty ones", () => {
    expect(allocate([5, 0, 5, 5], 2)).toEqual([1, 0, 1, 1]);
  });
});
