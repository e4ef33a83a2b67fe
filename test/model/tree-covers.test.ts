// Whether nodes_hitrates are covers: only when every branch is positive and equals the sum of its children.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { readTreeEnsemble } from "../../src/model/index";
import { COVER_TOLERANCE, coverEvidence } from "../../src/model/tree-covers";
import { attributes } from "../../src/model/onnx-graph";
import { buildTree, type Spec } from "../explain/treeshap-brute";
import { exporterFixtures, featuresOption, onnxPath } from "../explain/exporters";
import { editedModel } from "./edited-model";
import { modelPath } from "./fixtures";

//     split (10)
//     /      \
//  leaf 4   leaf 6
const stump = (root: number, l = 4, r = 6): Spec => ({ f: 0, t: 0, cover: root, l: { leaf: 1, cover: l }, r: { leaf: 2, cover: r } });

describe("coverEvidence(trees, present)", () => {
  test("covers that add up are valid, and the reason says what was checked", () => {
    expect(coverEvidence([buildTree(stump(10))], true)).toEqual({
      valid: true, source: "file",
      reason: "nodes_hitrates add up (each of 1 branches equals the sum of its children): training covers",
    });
  });

  test("float32 rounding is tolerated; a branch off by more than the tolerance is not", () => {
    expect(coverEvidence([buildTree(stump(10 * (1 + COVER_TOLERANCE / 2)))], true).valid).toBe(true);
    const off = coverEvidence([buildTree(stump(10.01))], true);
    expect(off.valid).toBe(false);
    expect(off.reason).toBe("nodes_hitrates are not covers: tree 0 node 0 has 10.01, its children 4 + 6 = 10");
  });

  test("1.0 on every node (skl2onnx, onnxmltools' lightgbm) is not covers, and is named as such", () => {
    expect(coverEvidence([buildTree(stump(1, 1, 1))], true)).toEqual({
      valid: false, reason: "nodes_hitrates are 1 on every node (as skl2onnx writes them), not covers",
    });
  });

  test("no hitrates, a zero branch, and negative or NaN values are not covers", () => {
    expect(coverEvidence([buildTree(stump(10))], false)).toEqual({ valid: false, reason: "the file carries no nodes_hitrates" });
    expect(coverEvidence([buildTree(stump(0, 0, 0))], true).valid).toBe(false);
    expect(coverEvidence([buildTree(stump(2, -1, 3))], true).reason).toMatch(/tree 0 node 1 has -1/);
    expect(coverEvidence([buildTree(stump(NaN))], true).reason).toMatch(/tree 0 node 0 has NaN/);
  });
});

describe("readTreeEnsemble(file).covers", () => {
  test("our own exporter's training covers are valid", () => {
    const e = readTreeEnsemble(new Uint8Array(readFileSync("data/models/synthetic/y-gbm.onnx")));
    expect(e.covers).toMatchObject({ valid: true, source: "file" });
    expect(e.hasCover).toBe(true);
  });

  test("hitrates edited so that one branch no longer adds up make the whole file's covers invalid", () => {
    const bytes = editedModel(modelPath("tree_regressor"), (m) => {
      const tree = m.graph!.node.find((n) => n.op_type === "TreeEnsembleRegressor")!;
      const hit = tree.attribute.find((a) => a.name === "nodes_hitrates")!;
      expect(attributes(tree).nodes_hitrates).toBeDefined();
      hit.floats[0] = hit.floats[0] * 2; // the first listed node is a root: now twice its children's sum
    });
    const e = readTreeEnsemble(bytes);
    expect(e.covers.valid).toBe(false);
    expect(e.covers.reason).toMatch(/nodes_hitrates are not covers: tree \d node 0 has/);
  });

  for (const f of exporterFixtures().filter((x) => x.onnx.tree_operators?.length)) {
    test(`${f.name} (${f.exporter}): no valid covers`, () => {
      const e = readTreeEnsemble(new Uint8Array(readFileSync(onnxPath(f))), { classIndex: 0, features: featuresOption(f) ?? f.features });
      expect(e.covers.valid).toBe(false);
      expect(e.hasCover).toBe(false);
    });
  }
});
