// The WebAssembly bitvector kernel (src/model/tree-bitvector-wasm.ts, wasm/bitvector.wat) gives the JavaScript
// kernel's float32 sums bit for bit — on every threshold, beside it, on missing values, across its row windows.
import { afterAll, describe, expect, test } from "vitest";
import { loadModel, type OnnxPredictor } from "../../src/model/index";
import { bitvectorLayout, bitvectorSums, type BitvectorLayout } from "../../src/model/tree-bitvector";
import { bitvectorScorer, wasmBitvectorScorer } from "../../src/model/tree-bitvector-wasm";
import { probeRows } from "../../src/model/tree-engine-check";
import { exactSumScores, margins, walkedMargins, type TreeLayout } from "../../src/model/tree-engine";

const opened: OnnxPredictor[] = [];
afterAll(async () => { for (const m of opened) await m.dispose(); });

async function layoutOf(path: string): Promise<{ L: TreeLayout; B: BitvectorLayout }> {
  const m = await loadModel(path, { allowMissing: true });
  opened.push(m);
  const L = (await m.treeEngine()).engine!.layout;
  const B = bitvectorLayout(L);
  if (typeof B === "string") throw new Error(`${path}: ${B}`);
  return { L, B };
}

/** probe rows (on, below, above every threshold, missing), then the same with random cells made NaN or ±Infinity */
function rowsFor(L: TreeLayout, n: number): Float32Array {
  const p = L.features.length, x = probeRows(L, n, 5);
  let s = 12345;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < x.length; i++) {
    const u = rand();
    if (u < 0.02) x[i] = NaN;
    else if (u < 0.025) x[i] = u < 0.0225 ? Infinity : -Infinity;
  }
  expect(x.length).toBe(n * p);
  return x;
}

describe("the WebAssembly bitvector kernel", () => {
  test.each([
    ["ames gradient boosting (skl2onnx)", "data/models/ames/gbm.onnx"],
    ["ames xgboost (onnxmltools)", "data/models/ames/xgb.onnx"],
    ["credit gradient boosting classifier (skl2onnx)", "data/models/credit/gbm.onnx"],
    ["ames 100-tree gradient boosting (bench fixture)", "bench/fixtures/ames10-gbm.onnx"],
  ])("%s: the JavaScript kernel's sums bit for bit, over several row windows", async (_, path) => {
    const { L, B } = await layoutOf(path);
    const wasm = wasmBitvectorScorer(B);
    if (typeof wasm === "string") throw new Error(wasm);
    const n = 40_001, x = rowsFor(L, n); // 40,001 rows: more than two of the kernel's windows, the last one partial
    const js = new Float32Array(n), ours = new Float32Array(n).fill(NaN);
    bitvectorSums(B, x, n, js);
    wasm.sums(x, n, ours);
    let differ = 0;
    for (let r = 0; r < n; r++) if (!Object.is(js[r], ours[r])) differ++;
    expect(differ).toBe(0);
    expect(new Set(ours).size).toBeGreaterThan(50); // real sums, not one value repeated
  });

  test.each([
    ["ames gradient boosting (skl2onnx)", "data/models/ames/gbm.onnx"],
    ["ames xgboost (onnxmltools)", "data/models/ames/xgb.onnx"],
    ["credit gradient boosting classifier (skl2onnx, logistic)", "data/models/credit/gbm.onnx"],
  ])("%s: margins() through it are the walk's float64 margins bit for bit", async (_, path) => {
    const { L } = await layoutOf(path);
    const n = 20_001, p = L.features.length, x = rowsFor(L, n);
    const fast = margins(L, x, n, p), walked = walkedMargins(L, x, n, p);
    let differ = 0;
    for (let r = 0; r < n; r++) if (!Object.is(fast[r], walked[r])) differ++;
    expect(differ).toBe(0);
    // a float64 matrix (not what the kernel reads) is walked: the same margins again
    expect(Array.from(margins(L, Float64Array.from(x), n, p))).toEqual(Array.from(walked));
  });

  test("exactSumScores reaches the same scores through it as through the walk, and makes one scorer per layout", async () => {
    const { L, B } = await layoutOf("data/models/ames/gbm.onnx");
    const n = 5000, p = L.features.length, x = rowsFor(L, n);
    const walked = new Float64Array(n), viaWasm = new Float64Array(n);
    exactSumScores(L, x, n, p, walked, 0);
    exactSumScores(L, x, n, p, viaWasm, 0, B);
    expect(Array.from(viaWasm)).toEqual(Array.from(walked));
    expect(bitvectorScorer(B)).toBe(bitvectorScorer(B));
    expect(typeof bitvectorScorer(B)).toBe("object");
  });

  test("a row count of zero writes nothing", async () => {
    const { B } = await layoutOf("data/models/ames/gbm.onnx");
    const scorer = wasmBitvectorScorer(B);
    if (typeof scorer === "string") throw new Error(scorer);
    const sums = new Float32Array(3).fill(7);
    scorer.sums(new Float32Array(0), 0, sums);
    expect(Array.from(sums)).toEqual([7, 7, 7]);
  });
});
