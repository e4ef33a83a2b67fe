import { describe, expect, test } from "vitest";
import { ale, effects, importance, pdp } from "../../src/explain/index";
import { closedForm, uniformData } from "./closed-form";

const data = uniformData(500, ["x1", "x2"], 3);
const withY = { n: data.n, columns: { ...data.columns, y: data.columns.x1 } };
const fn = (r: Record<string, number | string>) => (r.x1 as number) * (r.x2 as number);

// each explainer, run with the given options on a fresh model chunked at 100 rows
const explainers = {
  pdp: (m: any, o: any) => pdp(m, data, "x1", { grid: { size: 20 }, ...o }),
  effects: (m: any, o: any) => effects(m, data, "x1", { grid: { size: 20 }, ...o }),
  ale: (m: any, o: any) => ale(m, data, "x1", o),
  importance: (m: any, o: any) => importance(m, withY, { target: "y", ...o }),
};

describe("every explainer honours signal and onProgress", () => {
  for (const [name, run] of Object.entries(explainers)) {
    test(`${name}: a signal aborted before the call rejects with AbortError and evaluates no rows`, async () => {
      const m = closedForm("m", ["x1", "x2"], fn, { chunk: 100 });
      const controller = new AbortController();
      controller.abort();
      await expect(run(m, { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
      expect(m.evaluated).toBe(0);
    });
    test(`${name}: aborting while running rejects with AbortError after fewer rows than the whole batch`, async () => {
      const full = closedForm("m", ["x1", "x2"], fn, { chunk: 100 });
      await run(full, {});
      const m = closedForm("m", ["x1", "x2"], fn, { chunk: 100 });
      const controller = new AbortController();
      const onProgress = (f: number) => { if (f > 0) controller.abort(); };
      await expect(run(m, { signal: controller.signal, onProgress })).rejects.toMatchObject({ name: "AbortError" });
      expect(m.evaluated).toBeGreaterThan(0);
      expect(m.evaluated).toBeLessThan(full.evaluated);
    });
    test(`${name}: progress rises and reaches 1`, async () => {
      const m = closedForm("m", ["x1", "x2"], fn, { chunk: 100 });
      const seen: number[] = [];
      await run([m, closedForm("m2", ["x1", "x2"], fn, { chunk: 100 })], { onProgress: (f: number) => seen.push(f) });
      expect(seen.at(-1)).toBe(1);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(seen.some((f) => f > 0 && f < 1)).toBe(true);
    });
  }
});

describe("perModel", () => {
  test("a set of models with a repeated name is refused", async () => {
    const m = closedForm("same", ["x1", "x2"], fn);
    await expect(pdp([m, m], data, "x1")).rejects.toThrow(/two models are named `same`/);
  });
  test("an empty set of models is refused", async () => {
    await expect(pdp([], data, "x1")).rejects.toThrow(/no models given/);
  });
});
