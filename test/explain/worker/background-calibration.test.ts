// Background thread calibration for real: the bundled credit MLP timed in worker_threads workers
// (1 thread and 2 threads) while jobs come and go. Which thread count wins depends on the load, so
// only the order of events, the use of the decision and the bookkeeping are asserted.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadTable, toBatch } from "../../../src/data/index";
import {
  BackgroundCalibration, backgroundCalibrationSettled, clearThreadChoices, closeWorkers, configureWorkers, explainInWorker,
  loadModel, modelKey, threadChoices, threadDecisions, workerPool, type WorkerPool, type BackgroundEvent,
} from "../../../src/explain/worker/index";
import { foregroundJobs } from "../../../src/explain/worker/pool";
import { choiceKey } from "../../../src/explain/worker/thread-calibrate";
import { ThreadChoices, type Batch, type OnnxPredictor, type ThreadChoice } from "../../../src/model/index";

// one timed round of 1,000 rows per candidate: enough for the bookkeeping, and fast
const SETTINGS = { threads: 2, rounds: 1, maxRows: 1000 };

let model: OnnxPredictor;
let data: Batch;
let small: Batch;
// the shared pool, kept for the whole file (configuring the calibration alone keeps its workers)
let pool: WorkerPool;

const rows = (n: number): Batch =>
  ({ n, columns: Object.fromEntries(Object.entries(data.columns).map(([k, c]) => [k, c.slice(0, n)])) });

beforeAll(async () => {
  model = await loadModel("data/models/credit/mlp.onnx", { card: "data/models/credit/mlp.card.json" });
  const { table } = await loadTable(readFileSync("data/credit.csv"), { format: "csv" });
  data = toBatch(table, model.features);
  small = rows(10);
  await configureWorkers({ size: 1 });
  pool = workerPool();
  // the workers started and holding the model once (callers' 1-thread worker, the calibration's own
  // 1-thread worker, the 2-thread one), so that each test times only its own work
  const warm = (threads: number, background: boolean) =>
    pool.runJob({ kind: "predict", models: [model], many: false, data: small, options: {}, threads, background });
  await Promise.all([warm(1, false), warm(1, true), warm(2, true)]);
  expect(pool.workers).toBe(3);
});
afterAll(async () => {
  await closeWorkers();
  await model?.dispose();
});

const predictJob = (threads?: number, onProgress?: (f: number) => void) =>
  pool.runJob({ kind: "predict", models: [model], many: false, data, options: { onProgress }, threads });

function recorder() {
  const events: BackgroundEvent[] = [];
  const choices = new ThreadChoices();
  const times = (type: BackgroundEvent["type"]) => events.filter((e) => e.type === type).map((e) => e.at);
  return { events, choices, times, onEvent: (e: BackgroundEvent) => events.push(e) };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 1));
}

describe("BackgroundCalibration: a job never waits for a calibration", () => {
  test("a job at a bucket without a decision runs at once on 1 thread; the calibration starts after it, the next job uses the decision", async () => {
    const { choices, times, onEvent } = recorder();
    const background = new BackgroundCalibration({ pool, choices, idleDelay: 20, calibration: SETTINGS, onEvent });
    expect(await background.threadsFor(model, data)).toBeUndefined();
    expect(background.status()).toEqual([{ model: model.name, bucket: 1000, rows: data.n, state: "waiting", attempts: 0 }]);
    const job = await predictJob(undefined);
    const jobEnded = performance.now();
    expect(job.threads).toBe(1);

    await background.settled();
    expect(times("start")).toHaveLength(1);
    expect(times("start")[0]).toBeGreaterThanOrEqual(jobEnded);
    const [entry] = background.status();
    expect(entry).toMatchObject({ state: "decided", attempts: 1, bucket: 1000, rows: data.n });
    const choice = entry.choice!;
    // timed in workers only (the page's thread stays free), and kept for the whole bucket
    expect(choice.candidates.map((c) => [c.threads, c.worker])).toEqual([[1, true], [2, true]]);
    expect(choice).toMatchObject({ decided: "calibrated", rows: data.n, bucket: 1000 });
    expect(choices.peek(choiceKey(await modelKey(model), 2), 2000)).toEqual(choice);

    // the next job at that bucket (another size in it) gets the decision, and runs with it
    const half = rows(2000);
    const threads = await background.threadsFor(model, half);
    expect(threads).toBe(choice.threads);
    expect((await predictJob(threads)).threads).toBe(choice.threads);
    // a batch under 1,000 rows is never queued
    expect(await background.threadsFor(model, small)).toBeUndefined();
    expect(background.status()).toHaveLength(1);
    await background.stop();
  });

  test("a job asked for while a calibration runs stops it before the job is sent; it is re-run once the job has ended", async () => {
    const { choices, events, times, onEvent } = recorder();
    const background = new BackgroundCalibration({ pool, choices, idleDelay: 0, calibration: { ...SETTINGS, rounds: 3 }, onEvent });
    await background.threadsFor(model, data);
    // running, with a timed 1-thread run in a worker
    await until(() => times("start").length === 1 && pool.workerLoad().some((w) => w.reserved && w.jobs > 0));
    expect(foregroundJobs()).toBe(0);

    let firstProgress = Infinity;
    let seen: ReturnType<WorkerPool["workerLoad"]> = [];
    const job = predictJob(undefined, () => {
      if (firstProgress === Infinity) seen = pool.workerLoad();
      firstProgress = Math.min(firstProgress, performance.now());
    });
    // synchronously: the abort is on its way before this job has even been sent
    expect(events.map((e) => e.type)).toEqual(["scheduled", "start", "abort"]);
    expect((await job).threads).toBe(1);
    const jobEnded = performance.now();
    expect(firstProgress).toBeLessThanOrEqual(jobEnded);
    // it ran in the callers' 1-thread worker, which held no calibration run to queue behind
    expect(seen.filter((w) => w.threads === 1 && !w.reserved)).toEqual([{ threads: 1, reserved: false, jobs: 1, background: 0 }]);

    await background.settled();
    expect(events.map((e) => e.type)).toEqual(["scheduled", "start", "abort", "start", "decided"]);
    expect(times("start")[1]).toBeGreaterThanOrEqual(jobEnded);
    expect(times("decided")[0]).toBeGreaterThan(jobEnded);
    expect(background.status()[0]).toMatchObject({ state: "decided", attempts: 2 });
    await background.stop();
  });

  test("calibrations interrupted as often as the bound allows are given up for the session", async () => {
    const { choices, events, onEvent } = recorder();
    const background = new BackgroundCalibration({ pool, choices, idleDelay: 0, maxAttempts: 1, calibration: SETTINGS, onEvent });
    await background.threadsFor(model, data);
    await until(() => events.some((e) => e.type === "start"));
    await predictJob(undefined);
    await background.settled();
    expect(background.status()).toMatchObject([{ state: "gave-up", attempts: 1 }]);
    expect(events.map((e) => e.type)).toEqual(["scheduled", "start", "abort", "gave-up"]);
    // later jobs at that bucket run on the default and queue nothing
    expect(await background.threadsFor(model, data)).toBeUndefined();
    expect(events).toHaveLength(4);
    expect(choices.size).toBe(0);
    await background.stop();
  });

  test("a failed calibration is not kept: a later job queues it again, until the bound", async () => {
    const { choices, events, onEvent } = recorder();
    const background = new BackgroundCalibration({ pool, choices, idleDelay: 0, maxAttempts: 2, calibration: SETTINGS, onEvent });
    const [dropped, ...kept] = model.features;
    // a batch without one of the model's columns: the worker refuses to score it
    const broken: Batch = { n: data.n, columns: Object.fromEntries(kept.map((f) => [f, data.columns[f]])) };
    await background.threadsFor(model, broken);
    await background.settled();
    const [first] = background.status();
    expect(first).toMatchObject({ state: "failed", attempts: 1 });
    expect(first.error).toContain(dropped);
    expect(choices.size).toBe(0);
    expect(choices.peek(choiceKey(await modelKey(model), 2), data.n)).toBeUndefined();

    await background.threadsFor(model, broken);
    await background.settled();
    expect(background.status()).toMatchObject([{ state: "gave-up", attempts: 2 }]);
    await background.threadsFor(model, broken);
    expect(events.map((e) => e.type)).toEqual(["scheduled", "start", "failed", "scheduled", "start", "gave-up"]);
    await background.stop();
  });

  test("stop() aborts the running calibration and nothing starts afterwards", async () => {
    const { choices, events, onEvent } = recorder();
    const background = new BackgroundCalibration({ pool, choices, idleDelay: 0, calibration: SETTINGS, onEvent });
    await background.threadsFor(model, data);
    await until(() => events.some((e) => e.type === "start"));
    await background.stop();
    expect(await background.threadsFor(model, data)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 20));
    expect(events.map((e) => e.type)).toEqual(["scheduled", "start"]);
    expect(choices.size).toBe(0);
  });
});

describe("explainInWorker without workerThreads", () => {
  const decision = (threads: number): ThreadChoice =>
    ({ threads, worker: true, candidates: [], rows: data.n, bucket: 1000, decided: "calibrated", reason: "given" });

  test("in Node nothing is calibrated unless asked, and calibrate: false switches it off", async () => {
    for (const options of [{ size: 1 }, { size: 1, calibrate: false }]) {
      await configureWorkers({ ...options, calibrateIdle: 0 });
      const before = { 1: 0, ...pool.jobsPerThreads() };
      await explainInWorker("predict", model, data);
      await backgroundCalibrationSettled();
      expect(threadDecisions()).toEqual({ background: false, decisions: [], pending: [] });
      // the job ran on the default, and nothing else was sent
      expect(pool.jobsPerThreads()).toEqual({ ...before, 1: before[1] + 1 });
    }
    expect(workerPool()).toBe(pool);
  });

  test("with calibrate: true a job uses the decision kept for its bucket, whoever made it", async () => {
    await configureWorkers({ size: 1, calibrate: true, calibrateIdle: 60_000, calibration: SETTINGS });
    threadChoices.put(choiceKey(await modelKey(model), 2), data.n, decision(2), model.name);
    const before = { 1: 0, 2: 0, ...pool.jobsPerThreads() };
    await explainInWorker("predict", model, data);
    expect(pool.jobsPerThreads()).toEqual({ 1: before[1], 2: before[2] + 1 });
    // a batch too small to calibrate runs on the default
    await explainInWorker("predict", model, small);
    expect(pool.jobsPerThreads()).toEqual({ 1: before[1] + 1, 2: before[2] + 1 });
    expect(threadDecisions()).toMatchObject({ background: true, pending: [], decisions: [{ model: model.name, threads: 2, bucket: 1000 }] });
    clearThreadChoices();
  });

  test("with calibrate: true the first job runs at once and the decision appears once the workers are idle", async () => {
    await configureWorkers({ size: 1, calibrate: true, calibrateIdle: 0, calibration: SETTINGS });
    const before = { 1: 0, 2: 0, ...pool.jobsPerThreads() };
    const scores = await explainInWorker("predict", model, data);
    expect(scores).toBeInstanceOf(Float64Array);
    expect(pool.jobsPerThreads()).toEqual({ ...before, 1: before[1] + 1 });
    expect(threadDecisions().pending).toMatchObject([{ model: model.name, bucket: 1000, rows: data.n }]);
    await backgroundCalibrationSettled();
    const { decisions, pending } = threadDecisions();
    expect(pending).toEqual([]);
    expect(decisions).toMatchObject([{ model: model.name, bucket: 1000, rows: data.n, decided: "calibrated" }]);
    expect([1, 2]).toContain(decisions[0].threads);
    // the next job at that bucket goes where the decision says
    await explainInWorker("predict", model, rows(3000));
    const t = decisions[0].threads;
    expect(pool.jobsPerThreads()[t]).toBe(before[t as 1 | 2] + (t === 1 ? 2 : 1));
    expect(workerPool()).toBe(pool);
  });
});
