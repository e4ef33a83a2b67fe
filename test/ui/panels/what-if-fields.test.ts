import { describe, expect, test } from "vitest";
import { fieldValue, niceStep, whatIfFields } from "../../../src/ui/panels/what-if-fields";

const data = {
  n: 6,
  columns: {
    age: Float64Array.of(50, 61, NaN, 70, 55, 99),
    x: Float64Array.of(-0.5, 0.25, 1.5, 0, 0.1, 0.2),
    group: ["b", "a", "b", null, "c", "b"],
  },
};

describe("whatIfFields(data, features)", () => {
  test("numeric features get a slider over the observed range, ignoring missing values", () => {
    const [age, x] = whatIfFields(data, ["age", "x"]);
    expect(age).toEqual({ kind: "numeric", feature: "age", min: 50, max: 99, step: 1 });
    expect(x).toMatchObject({ kind: "numeric", min: -0.5, max: 1.5 });
    expect(x.kind === "numeric" && x.step).toBeLessThanOrEqual(2 / 200);
  });
  test("categorical features list their observed levels, most frequent first", () => {
    expect(whatIfFields(data, ["group"])[0]).toEqual({ kind: "categorical", feature: "group", levels: ["b", "a", "c"] });
  });
  test("an unknown feature is an error that names the columns there are", () => {
    expect(() => whatIfFields(data, ["height"])).toThrow(/no column `height`; it has age, x, group/);
  });
});

describe("fieldValue and niceStep", () => {
  test("input text becomes a number, a level or missing", () => {
    const [age, , group] = whatIfFields(data, ["age", "x", "group"]);
    expect(fieldValue(age, "63")).toBe(63);
    expect(fieldValue(age, "")).toBeNull();
    expect(fieldValue(group, "a")).toBe("a");
  });
  test("slider steps are 1, 2 or 5 times a power of ten, not above the raw step", () => {
    for (const x of [0.013, 0.37, 4.2, 777]) {
      const s = niceStep(x);
      expect(s).toBeLessThanOrEqual(x);
      expect(s).toBeGreaterThan(x / 5);
      expect(s / 10 ** Math.floor(Math.log10(s))).toSatisfy((m: number) => [1, 2, 5].some((k) => Math.abs(m - k) < 1e-9));
    }
  });
});
