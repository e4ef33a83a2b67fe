// A second thread for scoring many rows with the tree engine (Node only; `crossexam predict` on big tables).
// The helper runs the JavaScript kernel by its source (handed to a worker_threads Worker as one script; the
// main thread runs its WebAssembly twin, tree-bitvector-wasm.ts, which gives the same sums), and must score
// the table's first chunk exactly as the main thread did before it gets any other. Work is shared chunk by
// chunk (see shareChunks): the main thread scores too and takes back what the helper has not finished, so a
// helper starved of CPU by a busy machine costs at most its start.
import { bitvectorSums, finishSums, type BitvectorLayout } from "./tree-bitvector";
import type { TreeLayout } from "./tree-engine";

export interface TreeHelper {
  /** scores of the n rows of the row-major float32 matrix x (transferred: x is unusable afterwards) */
  score(x: Float32Array, n: number): Promise<Float64Array>;
  close(): void;
}

// The worker's whole program: the two scoring functions by their own source (self-contained: typed
// arrays and Math only, so no module transform can leave an import in them), then a loop answering
// {id, x, n} with {id, out}: what exactSumScores computes with a bitvector layout.
function helperSource(): string {
  return [
    "const { parentPort, workerData } = require('node:worker_threads');",
    `const bitvectorSums = (${bitvectorSums.toString()});`,
    `const finishSums = (${finishSums.toString()});`,
    "const { base, scale, nTrees, B } = workerData;",
    "parentPort.on('message', (m) => {",
    "  try {",
    "    const out = new Float64Array(m.n);",
    "    const sums = new Float32Array(m.n);",
    "    bitvectorSums(B, m.x, m.n, sums);",
    "    finishSums(sums, m.n, base, scale, nTrees, out, 0);",
    "    parentPort.postMessage({ id: m.id, out }, [out.buffer]);",
    "  } catch (e) { parentPort.postMessage({ id: m.id, error: String(e && e.message || e) }); }",
    "});",
  ].join("\n");
}

/**
 * A started helper, or why there is none: not Node, one core, or (unless `force`) no core to spare — the
 * 1-minute load average at or past cores − 0.5. A busy machine's scheduler (here with autogroup, a session's
 * threads share that session's CPU) gives a second thread only what it takes from the first.
 */
export async function startTreeHelper(L: TreeLayout, B: BitvectorLayout, force = false): Promise<TreeHelper | string> {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (typeof proc?.versions?.node !== "string") return "not in Node";
  const threads = "node:worker_threads", os = "node:os";
  const [{ Worker }, { availableParallelism, cpus, loadavg }] = await Promise.all([
    import(/* @vite-ignore */ threads) as Promise<typeof import("node:worker_threads")>,
    import(/* @vite-ignore */ os) as Promise<typeof import("node:os")>,
  ]);
  const cores = typeof availableParallelism === "function" ? availableParallelism() : cpus().length;
  if (cores < 2) return "one core";
  if (!force && loadavg()[0] >= cores - 0.5) return `no core to spare (load ${loadavg()[0].toFixed(1)} on ${cores} cores)`;
  // execArgv: [] so the worker does not boot the TypeScript loader the CLI runs under: its program is plain JS
  const worker = new Worker(helperSource(), { eval: true, execArgv: [], workerData: { base: L.base[0], scale: L.scale, nTrees: L.nTrees, B } });
  worker.unref();
  const waiting = new Map<number, { resolve: (out: Float64Array) => void; reject: (e: Error) => void }>();
  let failed: Error | undefined;
  const failAll = (e: Error) => {
    failed ??= e;
    for (const w of waiting.values()) w.reject(failed);
    waiting.clear();
  };
  worker.on("message", (m: { id: number; out?: Float64Array; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.out) w?.resolve(m.out); else w?.reject(new Error(`the scoring helper failed: ${m.error}`));
  });
  worker.on("error", (e) => failAll(new Error(`the scoring helper failed: ${e.message}`)));
  worker.on("exit", () => failAll(new Error("the scoring helper stopped")));
  let id = 0;
  return {
    score(x, n) {
      if (failed) return Promise.reject(failed);
      const k = id++;
      return new Promise((resolve, reject) => {
        waiting.set(k, { resolve, reject });
        worker.postMessage({ id: k, x, n }, [x.buffer as ArrayBuffer]);
      });
    },
    close() { void worker.terminate(); },
  };
}

// Between chunks the main thread lets the event loop run, so that the helper's answers are taken in.
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Chunks [start, end) of rows (each `size` rows) scored into `scores` by the main thread (`here`) and a
 * helper, shared as they go: the helper is kept `ahead` chunks busy, the main thread scores the next chunk
 * itself, and at the end scores whatever the helper has not returned (the later answer is ignored: both
 * are the same numbers). No chunk goes to the helper before `trial` (its score of rows already scored here,
 * compared exactly) comes out true; a helper that fails the trial or later just leaves its chunks here.
 */
export async function shareChunks(
  start: number, end: number, size: number, scores: Float64Array,
  encode: (from: number, to: number) => Float32Array,
  here: (x: Float32Array, from: number, to: number) => void,
  helper: TreeHelper, trial: Promise<boolean>, ahead = 2,
): Promise<{ helped: number }> {
  interface Job { from: number; to: number; done: boolean }
  let jobs: Job[] = [];
  let next = start, helped = 0, broken = false, trusted = false;
  void trial.then((ok) => { if (ok) trusted = true; else broken = true; });
  const send = () => {
    const job: Job = { from: next, to: Math.min(end, next + size), done: false };
    next = job.to;
    jobs.push(job);
    helper.score(encode(job.from, job.to), job.to - job.from).then(
      (out) => { if (!job.done) { job.done = true; scores.set(out, job.from); helped += job.to - job.from; } },
      () => { broken = true; },
    );
  };
  const scoreHere = (job: { from: number; to: number }) => here(encode(job.from, job.to), job.from, job.to);
  while (next < end) {
    jobs = jobs.filter((j) => !j.done);
    while (trusted && !broken && jobs.length < ahead && next < end) send();
    if (next >= end) break;
    const job = { from: next, to: Math.min(end, next + size) };
    next = job.to;
    scoreHere(job);
    await pause();
  }
  // the helper's last chunks: the newest first (the least likely to be nearly done), each unless it came back
  for (let k = jobs.length - 1; k >= 0; k--) {
    await pause();
    const job = jobs[k];
    if (job.done) continue;
    job.done = true;
    scoreHere(job);
  }
  return { helped };
}
