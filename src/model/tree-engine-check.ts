// Building a model's tree engine and checking it against onnxruntime before any explainer uses it.
// The check runs both on rows made to sit on the split thresholds (each feature at a threshold, the
// float32 just below and just above, or missing), so a misread comparison, missing-value rule,
// class column or post-transform shows up as a disagreement; the engine is then not used, and the
// explainers call the model as before. Anything the engine cannot read is a reason, not an error.
import type { InputBinding, InputPlan } from "./input-mapping";
import { encodeInputs } from "./input-mapping";
import { layoutTrees, nextFloat32Up, scoreRows, type TreeLayout } from "./tree-engine";
import type { Batch, TreeEnsemble } from "./types";

/** A model's trees as an engine: the layout plus the mapping from table columns to tree inputs. */
export interface TreeEngine {
  readonly layout: TreeLayout;
  /** tree input index of each model feature (table column name) */
  readonly index: ReadonlyMap<string, number>;
  /** the rows of a batch as the trees read them: row-major float32, `layout.features.length` per row */
  encode(batch: Batch): Float32Array;
  /** scores (the model's own: probability of its class, or the value) of a batch */
  predict(batch: Batch): Float64Array;
  /** what the check against onnxruntime found */
  readonly check: EngineCheck;
}

export interface EngineCheck {
  /** rows compared */
  rows: number;
  /** largest |engine − onnxruntime| over them, and the float32 tolerance it was held to */
  maxDiff: number;
  tolerance: number;
}

export type TreeEngineStatus = { engine: TreeEngine; reason?: undefined } | { engine?: undefined; reason: string };

/** What a model hands over to build its engine. */
export interface EngineSource {
  plan: InputPlan;
  /** the leaf values for score column c of the file (a class, or target 0); undefined when the trees don't read the input directly */
  ensembleOf(column: number): TreeEnsemble | undefined;
  /** the column the model scores, and how many columns the file's score output has */
  column: number;
  columns: number;
  /** whether the graph holds a tree ensemble at all */
  hasTrees: boolean;
  /** "label" models return class indices, not scores: no engine */
  output: "score" | "label";
  /** onnxruntime's scores for rows given as the trees' input tensor (row-major float32) */
  runTensor(x: Float32Array, n: number): Promise<Float64Array>;
}

const CHECK_ROWS = 256;

/** A small deterministic generator (the check must not differ from run to run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

function nextFloat32Down(t: number): number {
  return -nextFloat32Up(-t);
}

/** Rows (row-major float32) whose every value lies on, just below or just above a split threshold, or is missing. */
export function probeRows(L: TreeLayout, n: number, seed = 1): Float32Array {
  const p = L.features.length;
  const values: number[][] = Array.from({ length: p }, () => []);
  for (let i = 0; i < L.feature.length; i++) {
    const f = L.feature[i];
    if (f < 0) continue;
    // layout thresholds are "x < t"; the file's own threshold is t or the float32 below it
    const t = L.threshold[i];
    values[f].push(t, nextFloat32Down(t), nextFloat32Up(t));
  }
  const random = lcg(seed);
  const x = new Float32Array(n * p);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < p; j++) {
      const v = values[j];
      x[r * p + j] = v.length === 0 ? 0 : random() < 0.05 ? NaN : v[Math.floor(random() * v.length)];
    }
  }
  return x;
}

/** Largest |Σ leaf| a row can reach, per tree summed: the scale of float32 rounding in its score. */
function magnitude(L: TreeLayout): number {
  let s = 0;
  for (let c = 0; c < L.K; c++) s = Math.max(s, Math.abs(L.base[c]));
  let leaves = 0;
  for (let t = 0; t < L.nTrees; t++) {
    const end = t + 1 < L.nTrees ? L.roots[t + 1] : L.feature.length;
    let m = 0;
    for (let i = L.roots[t]; i < end; i++) for (let c = 0; c < L.K; c++) m = Math.max(m, Math.abs(L.value[i * L.K + c]));
    leaves += m;
  }
  return s + L.scale * leaves;
}

function binding(plan: InputPlan): InputBinding | string {
  if (plan.bindings.length !== 1) return `the model has ${plan.bindings.length} inputs; the tree engine reads one`;
  const b = plan.bindings[0];
  if (b.rank !== 2) return "the model input is not a [rows, features] matrix";
  if (b.type !== "float32") return `the model input is ${b.type}; the tree engine compares float32 values only`;
  return b;
}

/** The engine for a model, checked against onnxruntime, or the reason there is none. */
export async function buildTreeEngine(source: EngineSource): Promise<TreeEngineStatus> {
  if (!source.hasTrees) return { reason: "the model is not a tree ensemble" };
  if (source.output === "label") return { reason: "the model returns class labels, not scores" };
  const b = binding(source.plan);
  if (typeof b === "string") return { reason: b };
  const first = source.ensembleOf(source.column);
  if (!first) return { reason: "the trees do not read the model input directly (preprocessing in front of them)" };
  const softmax = first.postTransform === "SOFTMAX" || first.postTransform === "SOFTMAX_ZERO";
  const columns: TreeEnsemble[] = [];
  if (softmax) {
    for (let c = 0; c < source.columns; c++) {
      const e = source.ensembleOf(c);
      if (!e) return { reason: `the leaf values of class ${c} cannot be read` };
      columns.push(e);
    }
  } else columns.push(first);
  let layout: TreeLayout | string;
  try {
    layout = layoutTrees(columns, softmax ? source.column : 0);
  } catch (e) {
    return { reason: (e as Error).message };
  }
  if (typeof layout === "string") return { reason: layout };
  const p = b.features.length;
  // the trees' feature j is the input's column j (directTreeEnsemble names them from the binding)
  if (layout.features.length !== p) return { reason: `the trees read ${layout.features.length} features, the input has ${p}` };
  const L = layout;
  const x = probeRows(L, CHECK_ROWS);
  const ours = scoreRows(L, x, CHECK_ROWS, p);
  let theirs: Float64Array;
  try {
    theirs = await source.runTensor(x, CHECK_ROWS);
  } catch (e) {
    return { reason: `onnxruntime could not score the check rows: ${(e as Error).message}` };
  }
  // float32 accumulation over the trees, then float32 output rounding; a flipped split is far larger
  const tolerance = (L.nTrees + 4) * 2 ** -24 * magnitude(L) + 2 ** -22;
  let maxDiff = 0, worst = -1;
  for (let r = 0; r < CHECK_ROWS; r++) {
    const d = Math.abs(ours[r] - theirs[r]);
    if (!(d <= maxDiff)) { maxDiff = d; worst = r; }
  }
  if (!(maxDiff <= tolerance)) {
    return { reason: `the tree engine disagrees with onnxruntime on a check row (${ours[worst]} vs ${theirs[worst]})` };
  }
  const index = new Map(b.features.map((f, j) => [f, j]));
  const plan = source.plan;
  const encode = (batch: Batch) => encodeInputs(plan, batch)[0].data as Float32Array;
  return {
    engine: {
      layout: L, index, encode,
      predict: (batch) => scoreRows(L, encode(batch), batch.n, p),
      check: { rows: CHECK_ROWS, maxDiff, tolerance },
    },
  };
}
