// Reading an ai.onnx.ml TreeEnsembleRegressor/TreeEnsembleClassifier out of an ONNX graph as plain
// arrays (the `TreeEnsemble` contract), for exact TreeSHAP and for inspecting trees.
import { attributes, decodeModel, fileFeatureNames, graphInputs, metadata, OnnxFormatError } from "./onnx-graph";
import type { OnnxModel, OnnxNode } from "./onnx-schema";
import { coverEvidence } from "./tree-covers";
import type { Tree, TreeEnsemble } from "./types";

export interface ReadTreeOptions {
  /** which class (classifier) or target (regressor) the leaf values are for; default: the positive (last) class of a binary classifier, target 0 of a regressor */
  classIndex?: number;
  /** the names of the ensemble's input columns, when the file does not tell (see `ensembleFeatures`) */
  features?: string[];
}

type Attrs = ReturnType<typeof attributes>;

function nums(at: Attrs, name: string): number[] | undefined {
  const v = at[name] ?? at[`${name}_as_tensor`];
  return Array.isArray(v) ? (v as number[]) : undefined;
}

function required(at: Attrs, name: string, op: string): number[] {
  const v = nums(at, name);
  if (!v) throw new OnnxFormatError(`${op} has no \`${name}\` attribute: the tree ensemble cannot be read`);
  return v;
}

const TREE_OPS = new Set(["TreeEnsembleRegressor", "TreeEnsembleClassifier"]);

/** The names of the columns the tree ensemble reads, in feature-index order. */
function ensembleFeatures(model: OnnxModel, node: OnnxNode, width: number, given?: string[]): string[] {
  if (given) {
    if (given.length < width) throw new OnnxFormatError(`the trees use ${width} features, only ${given.length} names given`);
    return given.slice();
  }
  const producers = new Map<string, OnnxNode>();
  for (const n of model.graph!.node) for (const o of n.output) producers.set(o, n);
  const inputs = new Map(graphInputs(model).map((v) => [v.name, v]));
  // follow type-only steps back to what feeds the trees
  let name = node.input[0];
  let p = producers.get(name);
  while (p && (p.op_type === "Cast" || p.op_type === "Identity")) { name = p.input[0]; p = producers.get(name); }
  if (inputs.has(name)) {
    const listed = fileFeatureNames(metadata(model));
    if (listed && listed.length >= width) return listed;
    const w = inputs.get(name)!.shape[1];
    const n = typeof w === "number" ? Math.max(w, width) : width;
    return n === 1 ? [name] : Array.from({ length: n }, (_, i) => `${name}[${i}]`);
  }
  // several one-column inputs joined side by side (skl2onnx does this for named columns)
  if (p && p.op_type === "Concat" && p.input.every((i) => inputs.get(i)?.shape[1] === 1 || inputs.get(i)?.shape.length === 1)) {
    return p.input.slice();
  }
  throw new OnnxFormatError(
    `the trees read \`${name}\`, computed by a ${p?.op_type ?? "unknown"} node, not a model input: ` +
      `pass \`features\` to name the ensemble's columns`,
  );
}

/** Read the (single) tree ensemble in an ONNX model. */
export function readTreeEnsemble(source: Uint8Array | OnnxModel, options: ReadTreeOptions = {}): TreeEnsemble {
  const model = source instanceof Uint8Array ? decodeModel(source) : source;
  const found = model.graph!.node.filter((n) => TREE_OPS.has(n.op_type ?? ""));
  if (found.length === 0) {
    const ops = [...new Set(model.graph!.node.map((n) => n.op_type))].join(", ");
    const v5 = model.graph!.node.some((n) => n.op_type === "TreeEnsemble");
    throw new OnnxFormatError(
      v5 ? "not a supported tree ensemble: the ai.onnx.ml v5 `TreeEnsemble` operator is not read yet"
        : `not a tree ensemble: the graph holds ${ops || "no nodes"}`,
    );
  }
  if (found.length > 1) throw new OnnxFormatError(`the graph holds ${found.length} tree ensembles; crossexam reads models with one`);
  const node = found[0];
  const op = node.op_type!;
  const at = attributes(node);

  const treeIds = required(at, "nodes_treeids", op);
  const nodeIds = required(at, "nodes_nodeids", op);
  const featureIds = required(at, "nodes_featureids", op);
  const values = required(at, "nodes_values", op);
  const trueIds = required(at, "nodes_truenodeids", op);
  const falseIds = required(at, "nodes_falsenodeids", op);
  const modes = at.nodes_modes as string[] | undefined;
  if (!modes) throw new OnnxFormatError(`${op} has no \`nodes_modes\` attribute: the tree ensemble cannot be read`);
  const missing = nums(at, "nodes_missing_value_tracks_true");
  const hitrates = nums(at, "nodes_hitrates");

  // leaf weights for the chosen column
  const isClassifier = op === "TreeEnsembleClassifier";
  const prefix = isClassifier ? "class" : "target";
  const wTree = required(at, `${prefix}_treeids`, op);
  const wNode = required(at, `${prefix}_nodeids`, op);
  const wId = required(at, `${prefix}_ids`, op);
  const wValue = required(at, `${prefix}_weights`, op);
  const baseValues = nums(at, "base_values") ?? [];
  const postTransform = (at.post_transform as string | undefined) || "NONE";
  let column: number, base: number, sign = 1, offset = 0;
  if (isClassifier) {
    const labels = (at.classlabels_strings ?? at.classlabels_int64s) as (string | number)[];
    const k = labels.length;
    const oneColumn = k === 2 && wId.every((c) => c === 0);
    const chosen = options.classIndex ?? (k === 2 ? 1 : undefined);
    if (chosen === undefined) throw new OnnxFormatError(`the classifier has ${k} classes (${labels.join(", ")}): say which with classIndex 0…${k - 1}`);
    if (!(chosen >= 0 && chosen < k)) throw new OnnxFormatError(`classIndex ${chosen} is out of range: the classifier has ${k} classes (${labels.join(", ")})`);
    if (oneColumn) {
      // binary with one weight column: it scores the positive class; class 0 is its mirror image
      column = 0;
      base = baseValues.length ? baseValues[baseValues.length === 2 ? 1 : 0] : 0;
      if (chosen === 0) {
        sign = -1;
        const allPositive = wValue.every((w) => w >= 0);
        offset = postTransform === "NONE" && allPositive ? 1 : 0; // ORT scores class 0 as 1 − v then
      }
    } else {
      column = chosen;
      base = baseValues[chosen] ?? 0;
    }
  } else {
    const nTargets = (at.n_targets as number | undefined) ?? 1;
    column = options.classIndex ?? 0;
    if (!(column >= 0 && column < nTargets)) throw new OnnxFormatError(`target ${column} is out of range: the regressor has ${nTargets} targets`);
    base = baseValues[column] ?? 0;
  }
  const aggregate = isClassifier ? "SUM" : ((at.aggregate_function as string | undefined) || "SUM");
  if (aggregate !== "SUM" && aggregate !== "AVERAGE") {
    throw new OnnxFormatError(`aggregate function ${aggregate} is not supported (SUM and AVERAGE are)`);
  }

  // group node positions by tree, ordered by node id
  const byTree = new Map<number, number[]>();
  treeIds.forEach((t, i) => { let a = byTree.get(t); if (!a) byTree.set(t, (a = [])); a.push(i); });
  const leafWeight = new Map<string, number>();
  for (let i = 0; i < wTree.length; i++) {
    if (wId[i] !== column) continue;
    const key = `${wTree[i]}:${wNode[i]}`;
    leafWeight.set(key, (leafWeight.get(key) ?? 0) + wValue[i]);
  }

  const hasHitrates = !!hitrates && hitrates.length === treeIds.length;
  let width = 0;
  const trees: Tree[] = [];
  for (const t of [...byTree.keys()].sort((a, b) => a - b)) {
    const rows = byTree.get(t)!.sort((a, b) => nodeIds[a] - nodeIds[b]);
    // put the root (the node no other node points to) first, keep node-id order otherwise
    const children = new Set<number>();
    for (const i of rows) if (modes[i] !== "LEAF") { children.add(trueIds[i]); children.add(falseIds[i]); }
    const rootAt = rows.findIndex((i) => !children.has(nodeIds[i]));
    if (rootAt > 0) rows.unshift(...rows.splice(rootAt, 1));
    const pos = new Map(rows.map((i, p) => [nodeIds[i], p]));
    const m = rows.length;
    const tree: Tree = {
      feature: new Int32Array(m), threshold: new Float64Array(m), mode: new Array(m),
      left: new Int32Array(m), right: new Int32Array(m), missingTrue: new Uint8Array(m),
      value: new Float64Array(m), cover: new Float64Array(m).fill(NaN),
    };
    rows.forEach((i, p) => {
      const leaf = modes[i] === "LEAF";
      tree.mode[p] = modes[i];
      tree.feature[p] = leaf ? -1 : featureIds[i];
      tree.threshold[p] = leaf ? 0 : values[i];
      const l = leaf ? -1 : pos.get(trueIds[i]);
      const r = leaf ? -1 : pos.get(falseIds[i]);
      if (l === undefined || r === undefined) {
        throw new OnnxFormatError(`tree ${t} node ${nodeIds[i]} points to a node that does not exist (${trueIds[i]} or ${falseIds[i]})`);
      }
      tree.left[p] = l;
      tree.right[p] = r;
      tree.missingTrue[p] = missing?.[i] ? 1 : 0;
      if (leaf) tree.value[p] = sign * (leafWeight.get(`${t}:${nodeIds[i]}`) ?? 0);
      if (hasHitrates) tree.cover[p] = hitrates![i];
      if (!leaf) width = Math.max(width, featureIds[i] + 1);
    });
    trees.push(tree);
  }
  const covers = coverEvidence(trees, hasHitrates);
  return {
    trees,
    features: ensembleFeatures(model, node, width, options.features),
    base: sign * base + offset,
    aggregate: aggregate as "SUM" | "AVERAGE",
    postTransform,
    covers,
    hasCover: covers.valid,
  };
}
