import { describe, expect, test } from "vitest";
import { describeCommand } from "../../src/cli/describe";

const MODELS = new URL("../fixtures/models/", import.meta.url).pathname;

async function run(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await describeCommand(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out: out.join(""), err: err.join("") };
}

describe("crossexam describe MODEL.onnx", () => {
  test("prints kind, classes, inputs and outputs, and marks the ZipMap score output", async () => {
    const r = await run([`${MODELS}multiclass_zipmap.onnx`]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/kind: multiclass classifier/);
    expect(r.out).toMatch(/classes: setosa, versicolor, virginica/);
    expect(r.out).toMatch(/input +float32 \[N, 1\]/);
    expect(r.out).toMatch(/output_probability +seq\(map\(string,float32\)\).*ZipMap/);
    expect(r.out).toMatch(/trees: 1 \(3 nodes, depth ≤ 1\)/);
  });

  test("--json gives the description as data", async () => {
    const r = await run([`${MODELS}linear_two_inputs.onnx`, "--json"]);
    const d = JSON.parse(r.out);
    expect(d).toMatchObject({ kind: "regressor", scoreOutput: "variable", hasZipMap: false });
    expect(d.inputs.map((i: { name: string }) => i.name)).toEqual(["a", "b"]);
    expect(d.trees).toBeUndefined();
  });

  test("a card beside the model is read and shown", async () => {
    const r = await run([new URL("../../data/models/mortality/rf.onnx", import.meta.url).pathname, "--json"]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out);
    expect(d.card.features[0]).toBe("age");
    expect(d.card.positive_class).toBe(1);
  });

  test("a truncated file exits 1 with the reason on stderr", async () => {
    const r = await run([`${MODELS}truncated.onnx`]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/truncated\.onnx: truncated ONNX file/);
  });

  test("no model given is a usage error (exit 2)", async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^usage: crossexam describe/);
  });
});
