import { describe, expect, test } from "vitest";
import { describeCommand } from "../../src/cli/describe";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { brokenFixtures, exporterFixtures, EXPORTERS } from "../explain/exporters";
import { doubleOutputRegressor, editedModel } from "../model/edited-model";
import { scratchDir } from "../scratch-dir";

const dir = scratchDir("crossexam-describe-");

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
    expect(r.out).toMatch(/trees: 1 \(3 nodes, 2 leaves, depth ≤ 1\)/);
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

  test("trees that cannot be read say why instead of vanishing from the description", async () => {
    const bytes = editedModel(`${MODELS}tree_regressor.onnx`, (m) => {
      const tree = m.graph!.node.find((n) => n.op_type === "TreeEnsembleRegressor")!;
      tree.attribute = tree.attribute.filter((a) => a.name !== "nodes_values");
    });
    const file = join(dir, "no-thresholds.onnx");
    writeFileSync(file, bytes);
    const r = await run([file]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/trees: cannot be read — TreeEnsembleRegressor has no `nodes_values` attribute/);
    expect(JSON.parse((await run([file, "--json"])).out).treesError).toMatch(/no `nodes_values` attribute/);
  });

  test("a regressor that declares a double output the trees cannot produce is described with the problem", async () => {
    const file = join(dir, "double.onnx");
    writeFileSync(file, doubleOutputRegressor(`${MODELS}tree_regressor.onnx`));
    const r = await run([file]);
    expect(r.out).toMatch(/problem: output `variable` is declared double \(float64\), but the TreeEnsembleRegressor computing it/);
  });
});

describe("crossexam describe on the real exporters' files (test/fixtures/exporters)", () => {
  for (const f of exporterFixtures()) {
    test(`${f.name}: kind, classes, and for trees the summary with covers judged`, async () => {
      const r = await run([`${EXPORTERS}${f.name}.onnx`, "--json"]);
      expect(r.err).toBe("");
      const d = JSON.parse(r.out);
      expect(d.kind).toBe(f.task === "regression" ? "regressor" : f.classes!.length === 2 ? "binary" : "multiclass");
      if (f.classes) expect(d.classes).toEqual(f.classes);
      expect(d.treesError).toBeUndefined();
      if (!f.trees) {
        expect(d.trees).toBeUndefined();
        return;
      }
      expect(d.trees).toMatchObject({ trees: f.trees.count, maxDepth: f.trees.max_depth, leaves: f.trees.leaves, featureCount: 5 });
      expect(d.trees.covers.valid).toBe(false);
      expect(d.trees.covers.reason).toBe(f.onnx.tree_operators![0].nodes_hitrates
        ? "nodes_hitrates are 1 on every node (as skl2onnx writes them), not covers"
        : "the file carries no nodes_hitrates");
      const text = await run([`${EXPORTERS}${f.name}.onnx`]);
      expect(text.out).toMatch(/covers: none — .*SHAP 'auto' is interventional TreeSHAP/);
    });
  }

  for (const f of brokenFixtures()) {
    test(`${f.name}: described, with the problem that makes onnxruntime refuse it`, async () => {
      const r = await run([`${EXPORTERS}${f.name}.onnx`]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/problem: output `variable` is declared double \(float64\).*the file's fault/);
      expect(r.out).toMatch(/covers: none — nodes_hitrates are 1 on every node/);
    });
  }

  test("a torch softmax head is a classifier with classes 0…K−1, and the text says the file names none", async () => {
    const r = await run([`${EXPORTERS}torch_softmax3.onnx`]);
    expect(r.out).toMatch(/kind: multiclass classifier/);
    expect(r.out).toMatch(/classes: 0, 1, 2 \(the file names none: the columns of its Softmax output\)/);
  });
});
