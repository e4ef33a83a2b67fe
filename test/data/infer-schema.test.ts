// inferSchema(table, options): feature types from every value, declared overrides, ids, target.
import * as aq from "arquero";
import { describe, expect, test } from "vitest";
import { DataError, inferSchema, requireColumns } from "../../src/data";

const typeOf = (schema: ReturnType<typeof inferSchema>, name: string) => schema.columns.find((c) => c.name === name)!.type;
const range = (n: number, f: (i: number) => unknown) => Array.from({ length: n }, (_, i) => f(i));

describe("inferSchema(table) infers feature types", () => {
  test("numbers (also as text) are numeric, true/false (any case) boolean, other text categorical", () => {
    const t = aq.table({ n: [1, 2.5, null], s: ["3", "-4e2", ".5"], b: ["TRUE", "false", null], c: ["x", "y", "x"] });
    const schema = inferSchema(t);
    expect(schema.columns.map((c) => [c.name, c.type, c.values])).toEqual([
      ["n", "numeric", "number"], ["s", "numeric", "number"], ["b", "boolean", "boolean"], ["c", "categorical", "string"],
    ]);
    expect(schema.features).toEqual(["n", "s", "b", "c"]);
  });

  test("missing cells are counted: null, NaN, empty text and NA by default", () => {
    const t = aq.table({ x: [1, null, NaN, 4], y: ["a", "", "NA", "b"] });
    const schema = inferSchema(t);
    expect(schema.columns.map((c) => c.missing)).toEqual([2, 2]);
  });

  test("options.na replaces the missing markers", () => {
    const t = aq.table({ y: ["a", "", "NA", "-"] });
    expect(inferSchema(t, { na: ["-"] }).columns[0].missing).toBe(1);
  });

  test("levels of a categorical column are listed, sorted", () => {
    const t = aq.table({ c: ["b", "a", "c", "a", null] });
    expect(inferSchema(t).columns[0]).toMatchObject({ levels: ["a", "b", "c"], distinct: 3, missing: 1 });
  });

  test("unique integers under an id-like name are an id, not a feature", () => {
    const t = aq.table({ id: [10, 42, 7], patient_id: [3, 1, 2], x: [1, 2, 3] });
    const schema = inferSchema(t);
    expect(typeOf(schema, "id")).toBe("id");
    expect(typeOf(schema, "patient_id")).toBe("id");
    expect(schema.features).toEqual(["x"]);
  });

  test("an id-like name over repeated values is not an id", () => {
    expect(typeOf(inferSchema(aq.table({ id: [1, 1, 2] })), "id")).toBe("numeric");
  });

  test("in a table of 20+ rows, unique strings or a 0..n-1 / 1..n integer sequence are ids whatever their name", () => {
    const t = aq.table({ name: range(25, (i) => `p${i}`), seq: range(25, (i) => i + 1), x: range(25, (i) => i * 2), g: range(25, (i) => (i % 2 ? "a" : "b")) });
    const schema = inferSchema(t);
    expect(schema.columns.map((c) => c.type)).toEqual(["id", "id", "numeric", "categorical"]);
  });

  test("in a tiny table, unique values alone do not make an id", () => {
    const t = aq.table({ name: ["a", "b", "c"], x: [1, 2, 3] });
    expect(inferSchema(t).columns.map((c) => c.type)).toEqual(["categorical", "numeric"]);
  });

  test("a column with no values is categorical, and said to be empty", () => {
    const schema = inferSchema(aq.table({ e: [null, null] }));
    expect(schema.columns[0]).toMatchObject({ type: "categorical", values: "empty", missing: 2 });
    expect(schema.warnings).toEqual(["column `e` has no values"]);
  });
});

describe("inferSchema(table, {types, target}) honours declarations", () => {
  test("a numeric-looking column declared categorical stays categorical", () => {
    const t = aq.table({ grade: [1, 2, 3, 1] });
    expect(typeOf(inferSchema(t, { types: { grade: "categorical" } }), "grade")).toBe("categorical");
  });

  test("0/1 declared boolean is accepted; other values are refused with their rows", () => {
    expect(typeOf(inferSchema(aq.table({ f: [0, 1, 1] }), { types: { f: "boolean" } }), "f")).toBe("boolean");
    expect(() => inferSchema(aq.table({ f: [0, 1, 2] }), { types: { f: "boolean" } })).toThrow(/column `f` is boolean but data rows 3 hold/);
  });

  test("numeric declared over text names the data rows and the text, and suggests options.na", () => {
    const t = aq.table({ age: ["30", "n/a", "41", "?"] });
    let error: DataError | undefined;
    try { inferSchema(t, { types: { age: "numeric" } }); } catch (e) { error = e as DataError; }
    expect(error).toBeInstanceOf(DataError);
    expect(error!.message).toContain('column `age` is numeric but data rows 2, 4 hold text ("n/a", "?")');
    expect(error!.message).toContain('na: ["","NA","n/a","?"]');
    expect(error).toMatchObject({ kind: "type", column: "age", rows: [2, 4] });
  });

  test("the target is marked as such, kept out of the features, and its values described", () => {
    const t = aq.table({ x: [1, 2, 3], y: ["yes", "no", "yes"] });
    const schema = inferSchema(t, { target: "y" });
    expect(schema.target).toBe("y");
    expect(schema.columns[1]).toMatchObject({ type: "target", values: "string", levels: ["no", "yes"] });
    expect(schema.features).toEqual(["x"]);
  });

  test("a declaration for an absent column is refused with the columns the table has", () => {
    expect(() => inferSchema(aq.table({ age: [1] }), { types: { agee: "numeric" } }))
      .toThrow("options.types names `agee`, which the table lacks; the table has: age");
  });

  test("an unknown declared type is refused with the valid ones", () => {
    expect(() => inferSchema(aq.table({ a: [1] }), { types: { a: "float" as never } })).toThrow(/unknown type `float`; use numeric, categorical/);
  });

  test("a target with no values at all is refused", () => {
    expect(() => inferSchema(aq.table({ x: [1, 2], y: [null, null] }), { target: "y" })).toThrow("target column `y` holds no values (all 2 rows are missing)");
  });
});

describe("requireColumns(table, names)", () => {
  test("passes when all are present, otherwise names the missing ones and lists the table's columns", () => {
    const t = aq.table({ age: [1], sex: ["F"] });
    expect(() => requireColumns(t, ["age"])).not.toThrow();
    expect(() => requireColumns(t, ["age", "bmi", "bp"])).toThrow("missing columns `bmi`, `bp`; the table has: age, sex");
  });
});
