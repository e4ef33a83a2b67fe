// Starting an explain worker on the client side: a module Web Worker in the browser, a
// worker_threads Worker in Node. Both are wrapped in the same small `WorkerPort`.
import type { FromWorker, ToWorker } from "./protocol";

export interface WorkerPort {
  post(message: ToWorker, transfer?: ArrayBuffer[]): void;
  onMessage(handler: (message: FromWorker) => void): void;
  /** called when the worker dies (uncaught error, failed start) */
  onFailure(handler: (error: Error) => void): void;
  /** whether an idle worker may let Node exit (no effect in the browser) */
  keepAlive(busy: boolean): void;
  terminate(): Promise<void>;
}

export const isNode = typeof process !== "undefined" && !!process.versions?.node;

function browserWorker(): WorkerPort {
  // this exact `new Worker(new URL(…, import.meta.url), {type: "module"})` form is what Vite bundles as a worker
  const worker = new Worker(new URL("./explain-worker.ts", import.meta.url), { type: "module", name: "crossexam-explain" });
  return {
    post: (m, transfer = []) => worker.postMessage(m, transfer),
    onMessage: (h) => worker.addEventListener("message", (e: MessageEvent<FromWorker>) => h(e.data)),
    onFailure: (h) => worker.addEventListener("error", (e: ErrorEvent) => {
      e.preventDefault();
      h(new Error(`the explanation worker failed: ${e.message || "it could not start (see the browser console)"}`));
    }),
    keepAlive: () => undefined,
    terminate: async () => worker.terminate(),
  };
}

async function nodeWorker(): Promise<WorkerPort> {
  const threads = "node:worker_threads";
  const { Worker: NodeWorker } = (await import(/* @vite-ignore */ threads)) as typeof import("node:worker_threads");
  const worker = new NodeWorker(new URL("./explain-worker-node.mjs", import.meta.url));
  worker.unref();
  return {
    post: (m, transfer = []) => worker.postMessage(m, transfer),
    onMessage: (h) => worker.on("message", h),
    onFailure: (h) => {
      worker.on("error", (e) => h(new Error(`the explanation worker failed: ${e.message}`)));
      worker.on("exit", (code) => { if (code !== 0) h(new Error(`the explanation worker exited with code ${code}`)); });
    },
    keepAlive: (busy) => (busy ? worker.ref() : worker.unref()),
    terminate: async () => { await worker.terminate(); },
  };
}

/** A new explain worker for this environment. */
export function startWorker(): Promise<WorkerPort> {
  return isNode ? nodeWorker() : Promise.resolve(browserWorker());
}
