// The explainers' door to a model's tree engine (src/model/tree-engine*.ts): whether a model offers
// a checked engine, and model scores computed by walking its trees where it does (by the model
// call otherwise). Tree-aware algorithms (effects-trees.ts, importance-trees.ts) build on this.
import type { TreeEngine, TreeEngineStatus } from "../model/tree-engine-check";
import type { Batch, Predictor } from "../model/types";
import { checkFinite, throwIfAborted } from "./errors";
import { predictChecked, type RunOptions } from "./models";

/** A Predictor that may carry a tree engine (ONNX tree ensembles do). */
export interface EngineAware extends Predictor {
  treeEngine?: () => Promise<TreeEngineStatus>;
}

/** How an explanation was computed, for its `params.engine`. */
export type EngineName = "trees" | "onnxruntime" | "model";

/** The model's checked tree engine, or undefined (then the explainer calls the model). */
export async function engineOf(model: Predictor): Promise<TreeEngine | undefined> {
  const aware = model as EngineAware;
  if (typeof aware.treeEngine !== "function") return undefined;
  try {
    return (await aware.treeEngine()).engine;
  } catch {
    // an engine that cannot even be built is no engine: the model call is always there
    return undefined;
  }
}

/**
 * The engine with, where there is none, why (for an explainer to say why it called the model):
 * undefined reason for models that carry no trees at all.
 */
export async function engineStatusOf(model: Predictor): Promise<{ engine?: TreeEngine; reason?: string }> {
  const aware = model as EngineAware;
  if (typeof aware.treeEngine !== "function") return {};
  try {
    return await aware.treeEngine();
  } catch (e) {
    return { reason: `the tree engine could not be built: ${(e as Error).message}` };
  }
}

/** What computed a result: the trees, or a model call (onnxruntime for ONNX models). */
export function engineName(model: Predictor, engine: TreeEngine | undefined): EngineName {
  if (engine) return "trees";
  return "session" in model ? "onnxruntime" : "model";
}

// In a browser, a message to ourselves: a task as soon as possible, where chained setTimeout(0)s are
// clamped to 4 ms each (a walk yielding a dozen times would wait ~50 ms doing nothing).
const waiting: (() => void)[] = [];
let channel: MessageChannel | undefined;
function viaMessage(resolve: () => void): void {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  waiting.push(resolve);
  channel.port2.postMessage(0);
}

/** Resolves on the next turn of the event loop (so aborts and progress get through a long walk). */
export function nextTurn(): Promise<void> {
  if (typeof setImmediate === "function") return new Promise((r) => setImmediate(r));
  if (typeof MessageChannel === "function") return new Promise(viaMessage);
  return new Promise((r) => setTimeout(r, 0));
}

/**
 * Runs `step(from, to)` over [0, n) in slices of about `sliceMs` milliseconds of work, yielding to
 * the event loop between slices: progress is reported and an abort stops the walk.
 */
export async function inSlices(n: number, run: RunOptions, step: (from: number, to: number) => void, sliceMs = 40): Promise<void> {
  let size = 16;
  for (let from = 0; from < n;) {
    throwIfAborted(run.signal);
    const to = Math.min(n, from + size);
    const t0 = performance.now();
    step(from, to);
    const dt = performance.now() - t0;
    // grow or shrink the slice toward sliceMs of work
    size = Math.max(1, Math.round(size * Math.min(4, Math.max(0.25, sliceMs / Math.max(dt, 0.01)))));
    from = to;
    run.onProgress?.(from / n);
    if (from < n) await nextTurn();
  }
  throwIfAborted(run.signal);
}

/** The model's scores on a batch: by its trees when it has a checked engine, else one model call. */
export async function scoresOf(model: Predictor, batch: Batch, run: RunOptions, engine?: TreeEngine): Promise<Float64Array> {
  if (!engine) return predictChecked(model, batch, run);
  throwIfAborted(run.signal);
  const scores = engine.predict(batch);
  checkFinite(model, scores);
  run.onProgress?.(1);
  return scores;
}
