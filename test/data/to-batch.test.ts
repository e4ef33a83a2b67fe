// toBatch(table, features, schema?): the columnar Batch explainers read.
import * as aq from "arquero";
import { describe, expect, test } from "vitest";
import { inferSchema, loadTable, toBatch } from "../../src/data";

describe("toBatch(table, features, schema?)", () => {
  test("numeric features become Float64Array with NaN for missing; categorical and boolean become strings with null", async () => {
    const { table, schema } = await loadTable("age,sex,smoker\n34,F,true\n,M,false\n51,,\n", { format: "csv" });
    const batch = toBatch(table, ["age", "sex", "smoker"], schema);
    expect(batch.n).toBe(3);
    expect(batch.columns.age).toBeInstanceOf(Float64Array);
    expect(Array.from(batch.columns.age as Float64Array)).toEqual([34, NaN, 51]);
    expect(batch.columns.sex).toEqual(["F", "M", null]);
    expect(batch.columns.smoker).toEqual(["true", "false", null]);
  });

  test("only the named features are taken, in the order asked", () => {
    const t = aq.table({ a: [1], b: [2], c: [3] });
    expect(Object.keys(toBatch(t, ["c", "a"]).columns)).toEqual(["c", "a"]);
  });

  test("a numeric column declared categorical arrives as strings", () => {
    const t = aq.table({ grade: [1, 2, null] });
    const schema = inferSchema(t, { types: { grade: "categorical" } });
    expect(toBatch(t, ["grade"], schema).columns.grade).toEqual(["1", "2", null]);
  });

  test("without a schema, a column is numeric only if every present cell is a number", () => {
    const t = aq.table({ x: [1, null, 3], s: [1, "a", 2] });
    const batch = toBatch(t, ["x", "s"]);
    expect(batch.columns.x).toBeInstanceOf(Float64Array);
    expect(batch.columns.s).toEqual(["1", "a", "2"]);
  });

  test("a missing feature is refused with the columns the table has", () => {
    expect(() => toBatch(aq.table({ a: [1] }), ["a", "b"])).toThrow("missing column `b`; the table has: a");
  });

  test("a filtered or reordered table gives its visible rows in order", () => {
    const t = aq.table({ x: [5, 1, 4, 2] }).filter((d: { x: number }) => d.x > 1).orderby("x");
    expect(Array.from(toBatch(t, ["x"]).columns.x as Float64Array)).toEqual([2, 4, 5]);
  });
});
