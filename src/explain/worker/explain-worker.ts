// The worker entry: one JobRunner bound to whichever host runs it — a browser module Worker
// (`self`) or a Node worker_threads Worker (`parentPort`, started through explain-worker-node.mjs).
import { JobRunner } from "./job-runner";
import type { FromWorker, ToWorker } from "./protocol";

const isNode = typeof process !== "undefined" && !!process.versions?.node;

if (isNode) {
  // a variable specifier keeps Vite from resolving a Node module for the browser bundle
  const threads = "node:worker_threads";
  const { parentPort } = (await import(/* @vite-ignore */ threads)) as typeof import("node:worker_threads");
  if (!parentPort) throw new Error("explain-worker.ts must run as a worker thread, not as the main script");
  const runner = new JobRunner((m: FromWorker, transfer?: ArrayBuffer[]) => parentPort.postMessage(m, transfer ?? []));
  parentPort.on("message", (m: ToWorker) => runner.receive(m));
} else {
  const scope = globalThis as unknown as { postMessage(m: unknown, t: Transferable[]): void; onmessage: ((e: MessageEvent) => void) | null };
  const runner = new JobRunner((m: FromWorker, transfer?: ArrayBuffer[]) => scope.postMessage(m, transfer ?? []));
  scope.onmessage = (e: MessageEvent<ToWorker>) => runner.receive(e.data);
}
