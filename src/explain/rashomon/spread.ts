// A Rashomon set's per-member work spread over workers. Where each member's explanation is
// independent of the others (predictions, PD/ALE curves, permutation importance with the shared
// seed, SHAP against one background), the members are cut into contiguous chunks, each chunk runs
// as one job in its own worker, and the results are put back in member order: the same values as
// the in-thread path (the workers run the same explainers on the same data and seed). One signal
// stops every chunk; a failed chunk stops the others; progress is the member-weighted sum.
//
// When: in a browser page with ≥ 2 cores (the page's thread stays free and the chunks run side by
// side); in Node only when the work is large enough to pay for starting workers (each loads tsx,
// onnxruntime-web and the set's models: seconds, see docs/DECISIONS.md), or when asked (`workers: 2`).
import type { Batch, Predictor } from "../../model/types";
import { throwIfAborted } from "../errors";
import type { RunOptions } from "../models";
import { modelSourceOf } from "../worker/model-source";
import { WorkerPool } from "../worker/pool";
import type { WorkerKind } from "../worker/protocol";
import { workerPool } from "../worker/client";

export interface SpreadOptions {
  /**
   * Member work over workers: "auto" (default: a browser page with ≥ 2 cores, or Node when the work
   * is large), a number of workers (whenever the members can be sent: 1 = all members in one worker), or false.
   */
  workers?: "auto" | number | false;
}

/**
 * Model evaluations (members × rows × points per row) above which Node spreads heavy per-member work
 * (permutation importance, SHAP) on its own. Measured on 2 loaded cores (bench part 6): starting 2
 * workers and loading 12 members cost 6–16 s; reliance of the credit set (≈ 0.5 M evaluations,
 * 3–6 s in-thread) ran 1.0–2.4× faster warm but 0.30–0.36× cold. 5 M evaluations ≈ 30–60 s in-thread,
 * where even a 1.5× warm gain pays for the start. PD/ALE bands and predictions on tree engines were
 * slower in workers even warm (0.68–0.79×), so Node never spreads them unasked.
 */
export const NODE_SPREAD_EVALUATIONS = 5_000_000;

let enabled = true;

/** Turn spreading off (every member in this thread) or back on. */
export function spreadMembers(on: boolean): void {
  enabled = on;
}

const isNode = typeof process !== "undefined" && !!process.versions?.node;

function browserPage(): boolean {
  const g = globalThis as { Worker?: unknown; document?: unknown; navigator?: { hardwareConcurrency?: number } };
  const page = !isNode && typeof g.Worker === "function" && typeof g.document === "object";
  return page && (g.navigator?.hardwareConcurrency ?? 1) >= 2;
}

async function nodeCores(): Promise<number> {
  const os = "node:os";
  const { availableParallelism, cpus } = (await import(/* @vite-ignore */ os)) as typeof import("node:os");
  return typeof availableParallelism === "function" ? availableParallelism() : cpus().length;
}

/** Whether every member can be re-created in a worker and every option can cross. */
function sendable(members: readonly Predictor[], options: object): boolean {
  if (!members.every((m) => modelSourceOf(m))) return false;
  return Object.entries(options).every(([k, v]) => k === "signal" || k === "onProgress" || typeof v !== "function");
}

/**
 * How many workers the members go to (0: this thread), given the work in model evaluations and
 * whether it is heavy per evaluation (importance, SHAP: Node spreads those when large).
 */
export async function spreadCount(
  members: readonly Predictor[], options: SpreadOptions & object, evaluations: number, heavy = false,
): Promise<number> {
  const asked = options.workers ?? "auto";
  if (!enabled || asked === false || members.length === 0 || !sendable(members, options)) return 0;
  if (typeof asked === "number") return asked >= 1 ? Math.min(Math.floor(asked), members.length) : 0;
  if (members.length < 2) return 0;
  if (browserPage()) return 2;
  if (isNode && heavy && evaluations >= NODE_SPREAD_EVALUATIONS && (await nodeCores()) >= 2) return 2;
  return 0;
}

let ownPool: WorkerPool | undefined;

/** The shared pool when it may run `count` jobs side by side, else a pool of the set's own. */
function poolFor(count: number): WorkerPool {
  const shared = workerPool();
  if (shared.capacity >= count) return shared;
  if (!ownPool || ownPool.capacity < count) {
    void ownPool?.close();
    ownPool = new WorkerPool({ size: count });
  }
  return ownPool;
}

/** Workers started by the pool the chunks went to last (0 before any spread), and its unsettled jobs. */
export function memberWorkers(): { workers: number; busy: number } {
  return { workers: lastPool?.workers ?? 0, busy: lastPool?.busy ?? 0 };
}

let lastPool: WorkerPool | undefined;

/** Stop the set's own workers (the shared pool is closed by closeWorkers). */
export async function closeMemberWorkers(): Promise<void> {
  const pool = ownPool;
  ownPool = undefined;
  await pool?.close();
}

/** Contiguous chunks of 0…n−1, as even as possible, in order. */
export function memberChunks(n: number, count: number): [number, number][] {
  const chunks: [number, number][] = [];
  for (let c = 0, start = 0; c < count; c++) {
    const end = start + Math.floor(n / count) + (c < n % count ? 1 : 0);
    if (end > start) chunks.push([start, end]);
    start = end;
  }
  return chunks;
}

/**
 * Run `kind` for the members in `count` worker chunks (count from spreadCount); the results in member
 * order, as the in-thread explainer returns them for the whole array.
 */
export async function inMemberChunks<R>(
  kind: WorkerKind, members: readonly Predictor[], data: Batch, feature: string | undefined,
  options: RunOptions & Record<string, unknown>, count: number,
): Promise<R[]> {
  const { signal, onProgress, workers: _workers, ...rest } = options;
  throwIfAborted(signal);
  const pool = (lastPool = poolFor(count));
  const chunks = memberChunks(members.length, count);
  // one controller for every chunk: the caller's abort, or the first chunk that fails, stops the rest
  const stop = new AbortController();
  const forward = () => stop.abort(signal?.reason);
  signal?.addEventListener("abort", forward, { once: true });
  const done = chunks.map(() => 0);
  const report = () => onProgress?.(chunks.reduce((s, [a, b], c) => s + done[c] * (b - a), 0) / members.length);
  try {
    const parts = await Promise.all(chunks.map(async ([a, b], c) => {
      const chunkOptions = {
        ...rest, signal: stop.signal,
        onProgress: (f: number) => { done[c] = Math.min(1, Math.max(done[c], f)); report(); },
      };
      try {
        const models = members.slice(a, b);
        return (await pool.run({ kind, models, many: true, data, feature, options: chunkOptions })) as R[];
      } catch (e) {
        if (!stop.signal.aborted) stop.abort(e);
        throw e;
      }
    }));
    onProgress?.(1);
    return parts.flat();
  } catch (e) {
    // the caller's abort is the reason everything stopped, whichever chunk noticed first
    if (signal?.aborted) {
      throw (e as Error)?.name === "AbortError" ? e : new DOMException("explanation aborted", "AbortError");
    }
    throw e;
  } finally {
    signal?.removeEventListener("abort", forward);
  }
}
