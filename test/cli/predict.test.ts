import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { predictCommand } from "../../src/cli/predict";
import { scratchDir } from "../scratch-dir";

const MODELS = new URL("../fixtures/models/", import.meta.url).pathname;
const expected = JSON.parse(readFileSync(`${MODELS}expected.json`, "utf8"));
const dir = scratchDir("crossexam-predict-");

function csv(name: string, header: string[], rows: (number | string | null)[][]): string {
  const path = join(dir, name);
  writeFileSync(path, [header.join(","), ...rows.map((r) => r.map((v) => v ?? "").join(","))].join("\n") + "\n");
  return path;
}

async function run(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await predictCommand(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out: out.join(""), err: err.join("") };
}

describe("crossexam predict --model M --data D", () => {
  test("without a card or names in the file, the table's columns feed the model in input order; CSV has one score per row", async () => {
    const X = expected.rf_classifier.inputs.input as number[][];
    const data = csv("rf.csv", ["p", "q"], X);
    const r = await run(["--model", `${MODELS}rf_classifier.onnx`, "--data", data]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines[0]).toBe("p_1");
    lines.slice(1).map(Number).forEach((p, i) => expect(p).toBeCloseTo(expected.rf_classifier.outputs.output_probability[i][1], 6));
  });

  test("feature names stored in the file pick the columns by name, whatever the table's order", async () => {
    const X = expected.tree_regressor.inputs.float_input as (number | null)[][];
    const data = csv("reg.csv", ["x2", "x0", "x1"], X.map(([a, b, c]) => [c, a, b]));
    // row 5 has an empty x2: the trees take their missing-value branch, as asked with --allow-missing
    const r = await run(["--model", `${MODELS}tree_regressor.onnx`, "--data", data, "--allow-missing"]);
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n").slice(1).map(Number)).toEqual(expected.tree_regressor.outputs.variable);
  });

  test("--features picks and orders columns; --class chooses the probability; JSON output", async () => {
    const X = expected.multiclass_zipmap.inputs.input as number[][];
    const data = csv("mc.csv", ["other", "x"], X.map((r) => ["z", r[0]]));
    const r = await run(["--model", `${MODELS}multiclass_zipmap.onnx`, "--data", data, "--features", "x", "--class", "virginica", "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ task: "classification", positiveClass: "virginica", features: ["x"], rows: 3 });
    out.scores.forEach((s: number, i: number) => expect(s).toBeCloseTo(expected.multiclass_zipmap.outputs.output_probability[i][2], 6));
  });

  test("a card beside a bundled model gives feature order, codes and fills, so the raw data file works", async () => {
    const data = new URL("../../data/mortality.csv", import.meta.url).pathname;
    const golden = JSON.parse(readFileSync(new URL("../../data/models/mortality/gbm.golden.json", import.meta.url), "utf8"));
    const r = await run(["--model", new URL("../../data/models/mortality/gbm.onnx", import.meta.url).pathname, "--data", data, "--format", "json"]);
    expect(r.code).toBe(0);
    const { scores, positiveClass } = JSON.parse(r.out);
    expect(positiveClass).toBe(1);
    golden.rows.forEach((row: number, i: number) => expect(scores[row]).toBeCloseTo(golden.scores[i], 5));
  });

  test("a table whose columns do not match the model's input says so and suggests --features", async () => {
    const data = csv("wide.csv", ["a", "b", "c", "d"], [[1, 2, 3, 4]]);
    const r = await run(["--model", `${MODELS}rf_classifier.onnx`, "--data", data]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/model input `input` expects 2 features, the table has 4 columns \(a, b, c, d\).*--features/);
  });

  test("a missing --data or a bad --format is a usage error (exit 2)", async () => {
    expect((await run(["--model", `${MODELS}tree_regressor.onnx`])).code).toBe(2);
    expect((await run(["--model", "m", "--data", "d", "--format", "xml"])).err).toMatch(/--format must be csv or json/);
  });

  test("scores of more rows than one write holds (65,536) come out whole, in order, in CSV and in JSON", async () => {
    const X = expected.tree_regressor.inputs.float_input as (number | null)[][];
    const y = expected.tree_regressor.outputs.variable as number[];
    const n = 70_001;
    const data = csv("many.csv", ["x0", "x1", "x2"], Array.from({ length: n }, (_, r) => X[r % X.length]));
    const model = `${MODELS}tree_regressor.onnx`;
    // (one row in five has a missing x2, which this tree model takes as NaN: the missing-value policy asks to say so)
    const text = await run(["--model", model, "--data", data, "--allow-missing"]);
    expect(text.code).toBe(0);
    const lines = text.out.split("\n");
    expect(lines).toHaveLength(n + 2); // header, n scores, and the final newline's empty tail
    expect(lines[n + 1]).toBe("");
    expect(lines.slice(1, n + 1).map(Number)).toEqual(Array.from({ length: n }, (_, r) => y[r % y.length]));
    const json = await run(["--model", model, "--data", data, "--format", "json", "--allow-missing"]);
    const out = JSON.parse(json.out);
    expect(out.rows).toBe(n);
    expect(out.scores).toEqual(Array.from({ length: n }, (_, r) => y[r % y.length]));
  });

  describe("missing and non-finite values, with no card to fill them", () => {
    const rf = ["--model", `${MODELS}rf_classifier.onnx`];

    test("an empty numeric cell is an error naming the column and the data-file row (from 1), not a blank score", async () => {
      const data = csv("empty.csv", ["p", "q"], [[0.1, 0.2], [null, 0.5], [0.3, 0.4]]);
      const r = await run([...rf, "--data", data]);
      expect(r.code).toBe(1);
      expect(r.out).toBe("");
      expect(r.err).toMatch(/column `p` has missing values \(empty or NaN\) in row 2 \(rows counted from 1\).*--allow-missing/);
    });

    test("NaN and Infinity text are named, with their rows counted from 1", async () => {
      const data = csv("nonfinite.csv", ["p", "q"], [[0.1, 0.2], ["NaN", 0.5], ["Infinity", 0.4], [0.3, 0.1]]);
      const r = await run([...rf, "--data", data]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/column `p` holds non-finite values: "NaN" in row 2, "Infinity" in row 3 \(rows counted from 1\)/);
      expect(r.err).not.toMatch(/holds strings|rows 0/);
    });

    test("1e999 is an error, not Infinity", async () => {
      const data = csv("huge.csv", ["p", "q"], [[0.1, 0.2], ["1e999", 0.5]]);
      const r = await run([...rf, "--data", data]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/column `p` holds non-finite values: .*1e999.* in row 2/);
    });

    test("--allow-missing feeds them as NaN to a tree model, which scores every row", async () => {
      const data = csv("allow.csv", ["p", "q"], [[0.1, 0.2], [null, 0.5], ["NaN", 0.4]]);
      const r = await run([...rf, "--data", data, "--allow-missing", "--format", "json"]);
      expect(r.err).toBe("");
      const { scores } = JSON.parse(r.out);
      expect(scores).toHaveLength(3);
      expect(scores.every((s: number | null) => typeof s === "number" && s >= 0 && s <= 1)).toBe(true);
    });

    test("--allow-missing with a model that gives NaN for them is an error naming the rows, never a blank score", async () => {
      const data = csv("linear.csv", ["a", "b"], [[0, 0], [null, 2], [1, 2]]);
      const r = await run(["--model", `${MODELS}linear_two_inputs.onnx`, "--data", data, "--allow-missing"]);
      expect(r.code).toBe(1);
      expect(r.out).toBe("");
      expect(r.err).toMatch(/gave no score \(NaN or Infinity\) for rows 2 \(rows counted from 1\): it does not handle missing values/);
    });
  });
});
