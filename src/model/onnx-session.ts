// Creating onnxruntime-web sessions in Node and in the browser (wasm backend, CPU).
// Node loads `onnxruntime-web` (its `node` export finds its own CPU wasm; the `onnxruntime-web/wasm`
// entry fails in Node: "Dynamic require of node:os"). The browser loads `onnxruntime-web/wasm`, the
// CPU-only build (14 MB of wasm instead of 28 MB with WebGPU).
import type * as Ort from "onnxruntime-web";
import { rewriteZipMap } from "./onnx-graph";

export type OrtModule = typeof Ort;
export type ModelSource = string | URL | Uint8Array | ArrayBuffer;

export interface SessionOptions {
  /**
   * wasm threads (default 1). More threads only help large batches on an idle machine; on a loaded
   * 2-core machine 2 threads were 1.7–2.1× slower. Choose more per model and batch size with the
   * calibration (src/explain/worker/thread-calibrate.ts), which runs each count in its own worker.
   * In the browser more than 1 needs cross-origin isolation.
   */
  numThreads?: number;
  /** where the browser fetches onnxruntime's .wasm/.mjs files (e.g. "/ort/" when copied into public/); default: beside the bundle */
  wasmPaths?: string;
}

const isNode = typeof process !== "undefined" && !!process.versions?.node;
let ortPromise: Promise<OrtModule> | undefined;

/** The onnxruntime-web module for this environment, loaded once. */
export function loadOrt(): Promise<OrtModule> {
  if (!ortPromise) {
    // a variable specifier keeps bundlers from pulling the Node entry into the browser build
    const nodeEntry = "onnxruntime-web";
    ortPromise = (isNode ? import(/* @vite-ignore */ nodeEntry) : import("onnxruntime-web/wasm")) as Promise<OrtModule>;
  }
  return ortPromise;
}

/** The bytes of a model given as bytes, a URL (fetched) or, in Node, a file path. */
export async function readModelBytes(source: ModelSource): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  const text = String(source);
  const isUrl = source instanceof URL || /^(https?|blob|data):/i.test(text);
  if (isNode && !isUrl) {
    const fs = await import("node:fs/promises");
    try {
      return new Uint8Array(await fs.readFile(text));
    } catch (e) {
      throw new Error(`cannot read model file \`${text}\`: ${(e as Error).message}`);
    }
  }
  if (isNode && source instanceof URL && source.protocol === "file:") {
    const fs = await import("node:fs/promises");
    return new Uint8Array(await fs.readFile(source));
  }
  const res = await fetch(text);
  if (!res.ok) throw new Error(`cannot fetch model \`${text}\`: HTTP ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

let configuredThreads: number | undefined;

function threadsFor(options: SessionOptions): number {
  const wanted = Math.max(1, Math.floor(options.numThreads ?? 1));
  if (isNode) return wanted;
  // without cross-origin isolation there is no SharedArrayBuffer, so onnxruntime-web runs 1 thread anyway
  const isolated = typeof globalThis !== "undefined" && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  return isolated ? wanted : 1;
}

/**
 * The wasm threads of this thread's (or worker's) onnxruntime instance, once a session exists:
 * onnxruntime-web's own figure after it initialised (it falls back to 1 where threads cannot run);
 * undefined before the first session.
 */
export async function instanceThreads(): Promise<number | undefined> {
  if (configuredThreads === undefined) return undefined;
  const ort = await loadOrt();
  return ort.env.wasm.numThreads ?? configuredThreads;
}

/**
 * A session for ONNX model bytes. The thread count is fixed by the first session created
 * (onnxruntime-web initialises its wasm once); later requests for another count are ignored.
 */
export async function createSession(bytes: Uint8Array, options: SessionOptions = {}): Promise<Ort.InferenceSession> {
  const ort = await loadOrt();
  if (configuredThreads === undefined) {
    configuredThreads = threadsFor(options);
    ort.env.wasm.numThreads = configuredThreads;
    if (options.wasmPaths) ort.env.wasm.wasmPaths = options.wasmPaths;
  }
  try {
    return await ort.InferenceSession.create(bytes, { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
  } catch (e) {
    throw new Error(`onnxruntime-web could not load the model: ${(e as Error).message}`);
  }
}

/** A session for a model given as a path, URL or bytes, with ZipMap outputs rewritten to tensors first. */
export async function openSession(source: ModelSource, options: SessionOptions = {}): Promise<Ort.InferenceSession> {
  return createSession(rewriteZipMap(await readModelBytes(source)).bytes, options);
}

/** Release a session's wasm memory. */
export async function disposeSession(session: Ort.InferenceSession): Promise<void> {
  await session.release();
}

// onnxruntime-web keeps one wasm instance for every session, and a run keeps its output pointers
// on the wasm stack across an await: two runs in flight at once (even on different sessions) can
// clobber each other's outputs (seen as "Cannot read properties of null"). So every run in this
// thread or worker goes through one queue; the wasm's own threads still parallelise inside a run.
let runQueue: Promise<unknown> = Promise.resolve();

/** Run `task` after every run queued before it has settled (one onnxruntime call at a time). */
export function runExclusive<T>(task: () => Promise<T>): Promise<T> {
  const next = runQueue.then(task);
  runQueue = next.catch(() => undefined);
  return next;
}
