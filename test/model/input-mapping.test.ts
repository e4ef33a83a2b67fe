import { describe, expect, test } from "vitest";
import { checkColumns, encodeInputs, InputMappingError, planInputs, type ValueDescription } from "../../src/model/index";

const matrix = (p: number | null): ValueDescription[] => [{ name: "float_input", type: "float32", shape: [null, p], isTensor: true }];
const named = (...specs: [string, string][]): ValueDescription[] =>
  specs.map(([name, type]) => ({ name, type, shape: [null, 1], isTensor: true }));

describe("planInputs(inputs, options)", () => {
  test("a single [N, p] input takes the given features in order", () => {
    const plan = planInputs(matrix(3), { features: ["c", "a", "b"] });
    expect(plan.features).toEqual(["c", "a", "b"]);
    expect(plan.bindings).toEqual([{ name: "float_input", type: "float32", rank: 2, features: ["c", "a", "b"] }]);
  });

  test("a card orders features by input_index", () => {
    const card = { features: [{ name: "b", input_index: 1 }, { name: "a", input_index: 0 }] };
    expect(planInputs(matrix(2), { card }).features).toEqual(["a", "b"]);
  });

  test("the wrong number of features is named with both counts", () => {
    const nine = Array.from({ length: 9 }, (_, i) => `f${i}`);
    expect(() => planInputs(matrix(10), { features: nine })).toThrowError("model input `float_input` expects 10 features, 9 given (f0, f1, f2, f3, f4, f5, f6, f7, … (9 in all))");
  });

  test("a [N, p] input with no card, no names and no metadata asks for the feature order", () => {
    expect(() => planInputs(matrix(3))).toThrowError(/takes 3 features in an order the file does not name/);
  });

  test("several named inputs each read the column of their own name", () => {
    const plan = planInputs(named(["x", "float32"], ["cat", "int64"]));
    expect(plan.features).toEqual(["x", "cat"]);
    expect(plan.bindings.map((b) => b.features)).toEqual([["x"], ["cat"]]);
  });

  test("non-tensor and unfeedable inputs are refused with the input's name", () => {
    expect(() => planInputs([{ name: "m", type: "map(string,float32)", shape: [], isTensor: false }])).toThrowError(/`m` is a map/);
    expect(() => planInputs([{ name: "img", type: "float32", shape: [1, 3, 8, 8], isTensor: true }])).toThrowError(/`img` has 4 dimensions/);
  });
});

describe("encodeInputs(plan, batch, start, end)", () => {
  test("lays a [N, p] input out row-major, in feature order, for the row range asked", () => {
    const plan = planInputs(matrix(2), { features: ["b", "a"] });
    const batch = { n: 3, columns: { a: Float64Array.from([1, 2, 3]), b: Float64Array.from([10, 20, 30]) } };
    const [e] = encodeInputs(plan, batch, 1, 3);
    expect(e.dims).toEqual([2, 2]);
    expect(Array.from(e.data as Float32Array)).toEqual([20, 2, 30, 3]);
  });

  test("int64 inputs get BigInt codes; card encodings turn categories into codes", () => {
    const card = { features: [{ name: "x" }, { name: "cat", encoding: ["low", "mid", "high"] }] };
    const plan = planInputs(named(["x", "float32"], ["cat", "int64"]), { card });
    const [x, cat] = encodeInputs({ ...plan, allowMissing: true }, { n: 3, columns: { x: [1, null, 3], cat: ["high", "low", "mid"] } });
    expect(Array.from(x.data as Float32Array)).toEqual([1, NaN, 3]);
    expect(Array.from(cat.data as BigInt64Array)).toEqual([2n, 0n, 1n]);
  });

  test("text in a float column is refused, naming the input, the column, the values and the rows (from 1)", () => {
    const plan = planInputs(named(["age", "float32"]));
    const age = [30, 41, 22, "n/a", 50, 61, 70, 80, 90, 99, 100, 101, 102, 103, 104, 105, 106, "?"];
    expect(() => encodeInputs(plan, { n: age.length, columns: { age } })).toThrowError(
      'model input `age` expects float32, column `age` holds text that is not a number: "n/a" in row 4, "?" in row 18 (rows counted from 1) (give the category codes with an `encoding` in the card)',
    );
  });

  test("categories the encoding does not know are named", () => {
    const card = { features: [{ name: "c", encoding: { a: 0, b: 1 } }] };
    const plan = planInputs(named(["c", "int64"]), { card });
    expect(() => encodeInputs(plan, { n: 3, columns: { c: ["a", "zz", "b"] } })).toThrowError(/not trained on \(zz\) in row 2 \(rows counted from 1\)/);
  });

  test("int64 inputs refuse missing and fractional values", () => {
    const plan = planInputs(named(["k", "int64"]));
    expect(() => encodeInputs(plan, { n: 2, columns: { k: Float64Array.from([1, NaN]) } })).toThrowError(/missing values \(empty or NaN\) in row 2 \(rows counted from 1\); .*an int64 input cannot hold NaN/);
    expect(() => encodeInputs({ ...plan, allowMissing: true }, { n: 2, columns: { k: Float64Array.from([1, NaN]) } })).toThrowError(/cannot hold NaN/);
    expect(() => encodeInputs(plan, { n: 2, columns: { k: Float64Array.from([1.5, 2]) } })).toThrowError(/non-integer numbers in row 1 \(rows counted from 1\)/);
  });

  test("string inputs accept strings and write numbers as text", () => {
    const plan = planInputs(named(["s", "string"]));
    const [s] = encodeInputs(plan, { n: 2, columns: { s: ["red", 3] } });
    expect(s.data).toEqual(["red", "3"]);
  });
});

describe("encodeInputs: missing and non-finite values", () => {
  const plan = planInputs(named(["x", "float32"]));
  const encode = (x: unknown[] | Float64Array, p = plan) => Array.from(encodeInputs(p, { n: x.length, columns: { x: x as never } })[0].data as Float32Array);

  test("an empty or NaN value with no card fill is an error naming the column, the rows from 1, and the remedies", () => {
    expect(() => encode(Float64Array.from([1, NaN, 3, NaN]))).toThrowError(
      "model input `x` expects float32, column `x` has missing values (empty or NaN) in rows 2, 4 (rows counted from 1); fill them in the data, "
      + "give a card whose `x` has a `missing.value`, or pass --allow-missing (`allowMissing: true`) to feed them as NaN",
    );
    expect(() => encode([1, null, ""])).toThrowError(/missing values \(empty or NaN\) in rows 2, 3 \(rows counted from 1\)/);
  });

  test("NaN and Infinity written as text are named as such, with their rows", () => {
    expect(() => encode(["1", "NaN", "Infinity", "-inf", "2"])).toThrowError(
      'column `x` holds non-finite values: "NaN" in row 2, "Infinity" in row 3, "-inf" in row 4 (rows counted from 1)',
    );
  });

  test("1e999 is an error, not Infinity, as text or as the number it reads as", () => {
    expect(() => encode(["1", "1e999"])).toThrowError(/holds non-finite values: "1e999" \(beyond float64's range\) in row 2/);
    expect(() => encode(Float64Array.from([1, Number("1e999")]))).toThrowError(/holds non-finite values: Infinity \(.*such as 1e999\) in row 2/);
  });

  test("a number beyond float32's range is refused for a float32 input, not turned into Infinity", () => {
    expect(() => encode(Float64Array.from([1e39]))).toThrowError(/beyond float32's range \(±3.4e38\): 1e\+39 in row 1/);
  });

  test("allowMissing feeds them as NaN; the card's fill replaces them when there is one", () => {
    expect(encode(Float64Array.from([1, NaN, Infinity]), { ...plan, allowMissing: true })).toEqual([1, NaN, NaN]);
    expect(encode(["2.5", "NaN", null, "1e999"], { ...plan, allowMissing: true })).toEqual([2.5, NaN, NaN, NaN]);
    const filled = planInputs(named(["x", "float32"]), { card: { features: [{ name: "x", missing: { value: -1 } }] } });
    expect(encode(Float64Array.from([1, NaN, -Infinity]), filled)).toEqual([1, -1, -1]);
  });

  test("text that spells a number feeds a numeric input as that number", () => {
    expect(encode(["1", " 2.5 ", "-3e2", ".5"])).toEqual([1, 2.5, -300, 0.5]);
  });
});

describe("checkColumns(plan, batch)", () => {
  test("a missing column names what the model reads and what the table has", () => {
    const plan = planInputs(matrix(2), { features: ["age", "sex"] });
    expect(() => checkColumns(plan, { n: 1, columns: { sex: ["f"], bmi: [1] } })).toThrowError(
      new InputMappingError("missing column `age` (the model reads: age, sex; the table has: sex, bmi)"),
    );
  });
});
