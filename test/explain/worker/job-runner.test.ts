// The worker's side of the protocol, run in this thread: models cached by key, results and
// errors posted as plain data, abort by message.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { JobRunner } from "../../../src/explain/worker/job-runner";
import type { FromWorker, JobMessage } from "../../../src/explain/worker/protocol";

const bytes = () => new Uint8Array(readFileSync("data/models/synthetic/y-linear.onnx")).buffer as ArrayBuffer;
const card = JSON.parse(readFileSync("data/models/synthetic/y-linear.card.json", "utf8"));
const data = {
  n: 4,
  columns: {
    x1: Float64Array.of(0, 0.5, 1, -1), x2: Float64Array.of(0, 0, 0, 0), x3: Float64Array.of(1, 1, 1, 1),
    x4: Float64Array.of(0, 0, 0, 0), x5: Float64Array.of(0, 0, 0, 0), group: ["a", "b", "c", "a"],
  },
};

function runner() {
  const posted: FromWorker[] = [];
  const waiters = new Map<number, (m: FromWorker) => void>();
  const r = new JobRunner((m) => {
    posted.push(m);
    if (!("progress" in m) || "error" in m) waiters.get(m.id)?.(m);
  });
  const send = (job: Omit<JobMessage, "many" | "options" | "data"> & Partial<JobMessage>) =>
    new Promise<FromWorker>((resolve) => {
      waiters.set(job.id, resolve);
      r.receive({ many: false, options: {}, data, ...job } as JobMessage);
    });
  return { r, posted, send };
}

describe("JobRunner", () => {
  test("a job naming a model the runner already loaded needs only its key", async () => {
    const { r, send } = runner();
    const first = send({ id: 1, kind: "pdp", feature: "x1", models: [{ key: "k", name: "lin", bytes: bytes(), card }], options: { grid: [0, 1] } });
    // sent before the first finished loading: the key alone finds the model being loaded
    const second = send({ id: 2, kind: "pdp", feature: "x1", models: [{ key: "k", name: "lin" }], options: { grid: [0, 1] } });
    const [a, b] = await Promise.all([first, second]);
    expect("result" in a && "result" in b).toBe(true);
    expect((a as { result: unknown }).result).toMatchObject({ kind: "pdp", model: "lin", feature: "x1" });
    expect((b as { result: { values: unknown } }).result.values).toEqual((a as { result: { values: unknown } }).result.values);
    expect(r.modelCount).toBe(1);
  });

  test("a key the runner does not hold, sent without a file, is an error naming the model", async () => {
    const { send } = runner();
    const m = await send({ id: 1, kind: "pdp", feature: "x1", models: [{ key: "missing", name: "ghost" }] });
    expect(m).toMatchObject({ error: { message: expect.stringContaining("`ghost`") } });
  });

  test("a file that is not ONNX fails the job and is not cached, so a later good file loads", async () => {
    const { r, send } = runner();
    const bad = await send({ id: 1, kind: "pdp", feature: "x1", models: [{ key: "k", name: "lin", bytes: new Uint8Array([1, 2, 3]).buffer, card }] });
    expect(bad).toMatchObject({ error: { name: "OnnxFormatError" } });
    expect(r.modelCount).toBe(0);
    const good = await send({ id: 2, kind: "pdp", feature: "x1", models: [{ key: "k", name: "lin", bytes: bytes(), card }] });
    expect("result" in good).toBe(true);
  });

  test("explainer errors come back as {name, message} with the rows evaluated so far", async () => {
    const { send } = runner();
    const m = await send({ id: 1, kind: "pdp", feature: "nope", models: [{ key: "k", name: "lin", bytes: bytes(), card }] });
    expect(m).toMatchObject({ error: { name: "ExplainError", message: expect.stringContaining("unknown feature `nope`") }, evaluated: 0 });
  });

  test("an abort message stops a running job with an AbortError", async () => {
    const { r, send } = runner();
    const job = send({ id: 7, kind: "ice", feature: "x1", models: [{ key: "k", name: "lin", bytes: bytes(), card }] });
    r.receive({ id: 7, abort: true });
    expect(await job).toMatchObject({ id: 7, error: { name: "AbortError" } });
  });

  test("a shared abort flag set before the first prediction stops the job without a message", async () => {
    const { send } = runner();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(flag, 0, 1);
    const m = await send({ id: 3, kind: "ice", feature: "x1", models: [{ key: "k", name: "lin", bytes: bytes(), card }], abortFlag: flag });
    expect(m).toMatchObject({ error: { name: "AbortError" }, evaluated: 0 });
  });
});
