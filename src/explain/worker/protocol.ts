// The messages between an explanation client and its worker, shared by both hosts (browser Web
// Worker, Node worker_threads), and the packing that moves batches and results across without
// copying twice: typed arrays travel as transferred buffers, string columns as plain arrays.
import type { ModelCard } from "../../model/card";
import type { Batch, Column } from "../../model/types";
import { ExplainError } from "../errors";

/** The explainers a worker runs, by the name of the in-thread function. */
export const KINDS = [
  "modelPerformance", "residuals", "importance", "pdp", "ice", "effects", "ale", "shap", "breakdown",
  // the models' scores on the batch (one Float64Array per model): set members' predictions, thread calibration
  "predict",
] as const;
export type WorkerKind = (typeof KINDS)[number];
/** Kinds whose third argument is a feature name. */
export const FEATURE_KINDS: ReadonlySet<WorkerKind> = new Set(["pdp", "ice", "effects", "ale"]);

/** What a worker needs to re-create a model: its ONNX bytes (or a URL/path) and the load options. */
export interface ModelSpec {
  name: string;
  bytes?: Uint8Array;
  /** fetched (browser) or read (Node) by the worker itself */
  url?: string;
  card?: ModelCard;
  class?: string | number;
  features?: string[];
  output?: "score" | "label";
  chunkSize?: number;
  allowMissing?: boolean;
}

/** A model in a job: its cache key, and its source only the first time this worker sees it. */
export interface ModelMessage {
  key: string;
  name: string;
  bytes?: ArrayBuffer;
  url?: string;
  card?: ModelCard;
  class?: string | number;
  features?: string[];
  output?: "score" | "label";
  chunkSize?: number;
  allowMissing?: boolean;
}

export interface SessionSettings {
  numThreads?: number;
  wasmPaths?: string;
}

export interface JobMessage {
  id: number;
  kind: WorkerKind;
  models: ModelMessage[];
  /** false when the caller passed one model (the result is then one Explanation, not an array) */
  many: boolean;
  data: Batch;
  feature?: string;
  options: Record<string, unknown>;
  session?: SessionSettings;
  /** an Int32Array over a SharedArrayBuffer: 1 = aborted (read between chunks, without waiting for a message) */
  abortFlag?: Int32Array;
}

export interface AbortMessage { id: number; abort: true }
export type ToWorker = JobMessage | AbortMessage;

export interface ErrorValue { name: string; message: string }
/** `evaluated`: rows the worker sent to its models for this job (to show an aborted job stopped early). */
export type FromWorker =
  | { id: number; progress: number }
  | { id: number; result: unknown; evaluated: number; threads?: number; ms?: number }
  | { id: number; error: ErrorValue; evaluated: number; progress: number };

/** A copy of each typed column, and the buffers to transfer (the caller's columns stay intact). */
export function packBatch(batch: Batch): { data: Batch; transfer: ArrayBuffer[] } {
  const columns: Record<string, Column> = Object.create(null);
  const transfer: ArrayBuffer[] = [];
  for (const [name, col] of Object.entries(batch.columns)) {
    if (col instanceof Float64Array || col instanceof Float32Array) {
      const copy = col.slice();
      columns[name] = copy;
      transfer.push(copy.buffer as ArrayBuffer);
    } else {
      columns[name] = Array.from(col);
    }
  }
  return { data: { n: batch.n, columns }, transfer };
}

/** The buffers of every typed array inside a result (each once), so the result moves without a copy. */
export function resultTransfer(value: unknown): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (v === null || typeof v !== "object" || depth > 8) return;
    if (ArrayBuffer.isView(v)) {
      const buffer = v.buffer;
      // only whole, unshared buffers: transferring one detaches every view onto it
      if (buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === buffer.byteLength) seen.add(buffer);
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) visit(x, depth + 1);
  };
  visit(value, 0);
  return [...seen];
}

/** Options without the callbacks that stay on the caller's side; a function left in them cannot cross. */
export function sendableOptions(options: Record<string, unknown>): Record<string, unknown> {
  const { signal: _signal, onProgress: _onProgress, ...rest } = options;
  for (const [name, value] of Object.entries(rest)) {
    if (typeof value === "function") {
      throw new ExplainError(`option \`${name}\` is a function, which cannot be sent to a worker; run this explanation in-thread or pass plain data`);
    }
  }
  return rest;
}

/** An error as plain data (Error objects lose their class across postMessage). */
export function errorValue(e: unknown): ErrorValue {
  if (e instanceof Error || (typeof e === "object" && e !== null && "message" in e)) {
    const err = e as { name?: string; message: string };
    return { name: err.name ?? "Error", message: String(err.message) };
  }
  return { name: "Error", message: String(e) };
}

/** The error an ErrorValue stands for: an AbortError as a DOMException, ExplainError as itself. */
export function errorFrom(value: ErrorValue): Error {
  if (value.name === "AbortError") return new DOMException(value.message, "AbortError") as unknown as Error;
  if (value.name === "ExplainError") return new ExplainError(value.message);
  const e = new Error(value.message);
  e.name = value.name;
  return e;
}
