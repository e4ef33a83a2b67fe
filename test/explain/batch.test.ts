import { describe, expect, test } from "vitest";
import { concat, takeRows, tile, withColumns } from "../../src/explain/batch";
import { permutation, rng, sampleIndices } from "../../src/explain/random";

const batch = { n: 3, columns: { x: Float64Array.of(1, 2, 3), c: ["a", "b", null] } };

describe("batch", () => {
  test("takeRows(batch, rows) picks rows in order, repeats allowed, keeping column kinds", () => {
    const t = takeRows(batch, [2, 0, 2]);
    expect(t.n).toBe(3);
    expect(t.columns.x).toBeInstanceOf(Float64Array);
    expect(Array.from(t.columns.x as Float64Array)).toEqual([3, 1, 3]);
    expect(t.columns.c).toEqual([null, "a", null]);
  });
  test("tile(batch, k) repeats the whole batch k times", () => {
    const t = tile(batch, 2);
    expect(Array.from(t.columns.x as Float64Array)).toEqual([1, 2, 3, 1, 2, 3]);
    expect(t.columns.c).toEqual(["a", "b", null, "a", "b", null]);
  });
  test("withColumns replaces columns and refuses a wrong length", () => {
    expect(Array.from(withColumns(batch, { x: Float64Array.of(0, 0, 0) }).columns.x as Float64Array)).toEqual([0, 0, 0]);
    expect(() => withColumns(batch, { x: Float64Array.of(0) })).toThrow(/1 values for 3 rows/);
  });
  test("concat joins batches row-wise", () => {
    const c = concat([batch, takeRows(batch, [1])]);
    expect(c.n).toBe(4);
    expect(c.columns.c).toEqual(["a", "b", null, "b"]);
  });
});

describe("random", () => {
  test("rng(seed) is reproducible and differs across seeds", () => {
    const a = rng(1), b = rng(1), c = rng(2);
    const xa = [a(), a(), a()], xb = [b(), b(), b()], xc = [c(), c(), c()];
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
    expect(xa.every((x) => x >= 0 && x < 1)).toBe(true);
  });
  test("permutation(n) holds each index once", () => {
    const p = Array.from(permutation(100, rng(3))).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
  test("sampleIndices(n, k) draws k distinct sorted indices", () => {
    const s = Array.from(sampleIndices(50, 10, rng(4)));
    expect(new Set(s).size).toBe(10);
    expect(s).toEqual([...s].sort((x, y) => x - y));
    expect(Array.from(sampleIndices(5, 10, rng(4)))).toEqual([0, 1, 2, 3, 4]);
  });
});
