// The bitvector kernel (tree-bitvector.ts) compiled to WebAssembly (wasm/bitvector.wat): the same sums bit for
// bit, 3–4× quicker than the JavaScript loop on a million rows (bench part 5), which is what lets
// `crossexam predict` beat pandas + scikit-learn. Each layout gets its own small instance: the layout's arrays
// copied into its memory once, then rows go through a fixed scratch window a chunk at a time. Where WebAssembly
// cannot run (or the layout is too large for one instance) the caller keeps the JavaScript kernel.
import { bitvectorOf, type BitvectorLayout } from "./tree-bitvector";
import type { TreeLayout } from "./tree-engine";
import { bitvectorWasm } from "./wasm/bitvector-bytes";

export interface BitvectorScorer {
  /** float32 leaf sums of the n rows of the row-major float32 matrix x (p columns) into sums[0…n) */
  sums(x: Float32Array, n: number, sums: Float32Array): void;
  /** the same sums in float64, tree by tree (margins() before its base and scale), into sums[0…n) */
  sums64(x: Float32Array, n: number, sums: Float64Array): void;
}

interface Exports { memory: WebAssembly.Memory; sums: (...args: number[]) => void }

// the module is 0.5 KB: compiled synchronously, which browsers allow on the main thread for modules this small
let compiled: WebAssembly.Module | string | undefined;
function wasmModule(): WebAssembly.Module | string {
  if (compiled !== undefined) return compiled;
  try {
    if (typeof WebAssembly !== "object") return (compiled = "WebAssembly is not available here");
    const bin = atob(bitvectorWasm);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    compiled = new WebAssembly.Module(bytes);
  } catch (e) {
    compiled = `the WebAssembly kernel did not compile: ${(e as Error).message}`;
  }
  return compiled;
}

/** bytes of rows in one pass through the scratch window (rows × p × 4): about 1 MB, so it stays in cache */
const WINDOW_BYTES = 1 << 20;
/** beyond this an instance's memory is not worth it: the JavaScript kernel scores such layouts */
const MAX_LAYOUT_BYTES = 256 << 20;

/** A WebAssembly scorer for the layout, or why there is none (the JavaScript kernel then scores). */
export function wasmBitvectorScorer(B: BitvectorLayout): BitvectorScorer | string {
  const module = wasmModule();
  if (typeof module === "string") return module;
  const { nTrees, p } = B, nodes = B.threshold.length, nanNodes = B.nanTree.length;
  const chunk = Math.max(1, Math.min(16_384, Math.floor(WINDOW_BYTES / (4 * Math.max(1, p)))));
  let top = 0;
  const place = (bytes: number) => { const at = top; top += (bytes + 7) & ~7; return at; };
  const at = {
    start: place((p + 1) * 4), th: place(nodes * 8), tm: place(nodes * 8), nanStart: place((p + 1) * 4),
    nanTm: place(nanNodes * 8), leaf: place(nTrees * 32 * 8), bits: place(nTrees * 4),
    x: place(chunk * p * 4), out: place(chunk * 8),
  };
  if (top > MAX_LAYOUT_BYTES) return `the layout needs ${(top / 2 ** 20).toFixed(0)} MB of WebAssembly memory`;
  let exports: Exports;
  try {
    exports = new WebAssembly.Instance(module).exports as unknown as Exports;
    exports.memory.grow(Math.ceil(top / 65_536));
  } catch (e) {
    return `the WebAssembly kernel could not start: ${(e as Error).message}`;
  }
  const buffer = exports.memory.buffer;
  new Int32Array(buffer, at.start, p + 1).set(B.start);
  new Float64Array(buffer, at.th, nodes).set(B.threshold);
  const tm = new Int32Array(buffer, at.tm, 2 * nodes);
  for (let k = 0; k < nodes; k++) { tm[2 * k] = B.tree[k]; tm[2 * k + 1] = B.mask[k]; }
  new Int32Array(buffer, at.nanStart, p + 1).set(B.nanStart);
  const nanTm = new Int32Array(buffer, at.nanTm, 2 * nanNodes);
  for (let k = 0; k < nanNodes; k++) { nanTm[2 * k] = B.nanTree[k]; nanTm[2 * k + 1] = B.nanMask[k]; }
  new Float64Array(buffer, at.leaf, nTrees * 32).set(B.leafValue);
  const X = new Float32Array(buffer, at.x, chunk * p), out = new Float64Array(buffer, at.out, chunk);
  const run = (x: Float32Array, n: number, sums: Float32Array | Float64Array, round: number) => {
    for (let from = 0; from < n; from += chunk) {
      const m = Math.min(chunk, n - from);
      X.set(x.subarray(from * p, (from + m) * p));
      exports.sums(m, p, nTrees, at.x, at.start, at.th, at.tm, at.nanStart, at.nanTm, at.leaf, at.bits, at.out, round);
      sums.set(out.subarray(0, m), from); // rounded sums are float32 values: exact in a Float32Array
    }
  };
  return { sums: (x, n, sums) => run(x, n, sums, 1), sums64: (x, n, sums) => run(x, n, sums, 0) };
}

const scorers = new WeakMap<BitvectorLayout, BitvectorScorer | string>();

/** The layout's WebAssembly scorer, made once per layout, or why there is none. */
export function bitvectorScorer(B: BitvectorLayout): BitvectorScorer | string {
  let s = scorers.get(B);
  if (s === undefined) scorers.set(B, (s = wasmBitvectorScorer(B)));
  return s;
}

/** A WebAssembly scorer for the trees of a one-column layout, made once per layout, or why there is none. */
export function layoutScorer(L: TreeLayout): BitvectorScorer | string {
  const B = bitvectorOf(L);
  return typeof B === "string" ? B : bitvectorScorer(B);
}
