// Scoring a whole table with the tree engine instead of onnxruntime (`crossexam predict`), only where
// the engine gives onnxruntime's own scores bit for bit and is faster. That holds for sum ensembles
// without a post-transform (TreeEnsembleRegressor: float32 leaf sums in tree order, then the base),
// which the engine reproduces exactly; classifiers' logistic/softmax run through float functions of
// onnxruntime's own, so they stay with onnxruntime. Two checks decide, and either failing keeps
// onnxruntime for every row: the engine's probe rows (on, below and above every threshold, or
// missing) and the table's first chunk, both scored by both and compared exactly; the first chunk
// also times both, and the engine goes on only if it was the quicker.
import { encodeInputs } from "./input-mapping";
import { loadOrt, runExclusive } from "./onnx-session";
import type { OnnxPredictor } from "./predictor";
import { probeRows } from "./tree-engine-check";
import { bitvectorOf, type BitvectorLayout } from "./tree-bitvector";
import { exactSumScores, type TreeLayout } from "./tree-engine";
import { shareChunks, startTreeHelper, type TreeHelper } from "./tree-helper";
import type { Batch, Column } from "./types";

/** rows per engine call, as predict's chunks for onnxruntime: input errors name the same rows either way */
export const CHUNK = 10_000;
const PROBE_ROWS = 256;
/** rows past the first chunk from which a second thread may share the scoring (below, its start costs more than it saves) */
export const HELPER_ROWS = 200_000;

export interface TablePrediction {
  scores: Float64Array;
  /** "trees" when the tree engine scored the rows after the first chunk, else "onnxruntime" */
  engine: "trees" | "onnxruntime";
  /** why onnxruntime scored them, when it did */
  reason?: string;
  /** rows the tree engine scored in a second thread (a helper that matched the first chunk exactly) */
  helped?: number;
}

/**
 * Whether a second thread shares the scoring: only with CROSSEXAM_TREE_THREADS=2. Paired runs on this 2-core
 * machine (load 3) were 1.2–2.8 s slower with the helper than without (see docs/DECISIONS.md), so one thread
 * is the default until a machine with a free core shows a gain.
 */
function helperWanted(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.CROSSEXAM_TREE_THREADS === "2";
}

function sliceColumn(col: Column, start: number, end: number): Column {
  return ArrayBuffer.isView(col) ? (col as Float64Array).subarray(start, end) : (col as unknown[]).slice(start, end) as Column;
}

function rowsOf(batch: Batch, start: number, end: number): Batch {
  const columns: Record<string, Column> = Object.create(null);
  for (const name of Object.keys(batch.columns)) columns[name] = sliceColumn(batch.columns[name], start, end);
  return { n: end - start, columns };
}

/** The engine's layout when it can score this model exactly (sum, no transform, one float32 input), or why not. */
async function exactLayout(model: OnnxPredictor): Promise<TreeLayout | string> {
  if (model.task !== "regression") return "a classifier's probabilities come from onnxruntime's own classifier arithmetic";
  const status = await model.treeEngine();
  if (!status.engine) return status.reason;
  const L = status.engine.layout;
  if (L.transform !== "NONE" || L.K !== 1) return `its ${L.transform} post-transform is computed by onnxruntime's own float functions`;
  // probe rows through the session itself, compared exactly (not to the engine check's float32 tolerance)
  const p = L.features.length, x = probeRows(L, PROBE_ROWS, 7);
  const ours = new Float64Array(PROBE_ROWS), walked = new Float64Array(PROBE_ROWS);
  const bv = bitvectorOf(L);
  exactSumScores(L, x, PROBE_ROWS, p, walked, 0);
  exactSumScores(L, x, PROBE_ROWS, p, ours, 0, typeof bv === "string" ? undefined : bv);
  const ort = await loadOrt();
  const input = model.plan.bindings[0], output = model.describe().scoreOutput;
  const theirs = await runExclusive(async () => {
    const result = await model.session.run({ [input.name]: new ort.Tensor("float32", x, [PROBE_ROWS, p]) }, [output]);
    const data = Float64Array.from(result[output].data as Float32Array);
    result[output].dispose?.();
    return data;
  });
  const k = theirs.length / PROBE_ROWS;
  for (let r = 0; r < PROBE_ROWS; r++) {
    if (walked[r] !== theirs[r * k] || ours[r] !== theirs[r * k]) return "the engine's float32 sums differ from onnxruntime's on a probe row";
  }
  return L;
}

/**
 * Scores of every row of `batch`, in CHUNK-row pieces: onnxruntime for the first, then the tree engine
 * when it matched that chunk exactly and was quicker, else onnxruntime for all of them. The same input
 * errors as `model.predict` (both encode through encodeInputs).
 */
export async function predictTable(model: OnnxPredictor, batch: Batch): Promise<TablePrediction> {
  const n = batch.n;
  const first = Math.min(n, CHUNK);
  if (n <= CHUNK) return { scores: await model.predict(batch), engine: "onnxruntime", reason: "one chunk" };
  const found = await exactLayout(model);
  // leaves found by bitvectors where every tree has at most 32 of them, else by walks
  const bv = typeof found === "string" ? undefined : bitvectorOf(found);
  const B: BitvectorLayout | undefined = typeof bv === "string" ? undefined : bv;
  // a helper thread starts now (its start overlaps onnxruntime's first chunk), used only if all checks pass
  const starting = typeof found !== "string" && B && n - first >= HELPER_ROWS && helperWanted()
    ? startTreeHelper(found, B, true).catch((e: Error) => e.message) : undefined;
  const scores = new Float64Array(n);
  const head = rowsOf(batch, 0, first);
  let t0 = performance.now();
  scores.set(await model.predict(head));
  const ortMs = performance.now() - t0;
  let reason: string | undefined = typeof found === "string" ? found : undefined;
  let helper: TreeHelper | undefined;
  try {
    if (typeof found !== "string") {
      const L = found, p = L.features.length;
      const check = new Float64Array(first);
      const x0 = encodeInputs(model.plan, head)[0].data as Float32Array;
      // timed on its second and third runs, the quicker counting (the first compiles it; onnxruntime's wasm is
      // compiled and ran the probe): on a busy machine one run can be preempted and send the table to onnxruntime
      exactSumScores(L, x0, first, p, check, 0, B);
      let engineMs = Infinity;
      for (let k = 0; k < 2; k++) {
        t0 = performance.now();
        exactSumScores(L, x0, first, p, check, 0, B);
        engineMs = Math.min(engineMs, performance.now() - t0);
      }
      for (let r = 0; r < first && !reason; r++) if (check[r] !== scores[r]) reason = `the engine's score of row ${r + 1} differs from onnxruntime's`;
      if (!reason && engineMs >= ortMs) reason = `the engine was slower on the first ${first} rows (${engineMs.toFixed(0)} vs ${ortMs.toFixed(0)} ms)`;
      if (!reason) {
        const encode = (start: number, end: number) => encodeInputs(model.plan, batch, start, end)[0].data as Float32Array;
        const here = (x: Float32Array, start: number, end: number) => exactSumScores(L, x, end - start, p, scores, start, B);
        const started = await starting;
        if (started && typeof started !== "string") {
          helper = started;
          // the helper earns its share by scoring the first chunk exactly as this thread did (meanwhile this one goes on)
          const trial = helper.score(x0.slice(), first).then((theirs) => theirs.every((s, r) => s === check[r]), () => false);
          const { helped } = await shareChunks(first, n, CHUNK, scores, encode, here, helper, trial);
          return { scores, engine: "trees", helped };
        }
        for (let start = first; start < n; start += CHUNK) {
          const end = Math.min(n, start + CHUNK);
          here(encode(start, end), start, end);
        }
        return { scores, engine: "trees" };
      }
    }
  } finally {
    helper?.close();
    if (!helper) void starting?.then((h) => { if (h && typeof h !== "string") h.close(); });
  }
  // onnxruntime for every row (the first chunk again: an input error then names its rows in the whole table)
  return { scores: await model.predict(batch), engine: "onnxruntime", reason };
}
