// Threads and workers: a child process of bench/run.ts (part 6).
//   a. per model and batch size: 1 thread (this process), 2 threads (a worker started with 2) and the
//      calibrated choice (src/explain/worker/thread-calibrate.ts), timed in alternating rounds;
//   b. a Rashomon set's member work (credit set, 12 members) in this thread vs in 2 workers, warm
//      (workers started and models loaded) and cold (a fresh pool: what the first call pays).
//   node --import tsx bench/threads-speed.ts --rounds 5 ames-mlp ames-gbm
// Prints JSON: {cores, load: [start, end], threads: [...], set: {...}}.
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { loadTable, toBatch } from "../src/data/index";
import { takeRows } from "../src/explain/index";
import { closeMemberWorkers, modelClassReliance, setEffects } from "../src/explain/rashomon/index";
import { calibrateThreads, closeWorkers, loadModel, WorkerPool } from "../src/explain/worker/index";
import type { Batch, OnnxPredictor, ThreadChoice } from "../src/model/index";

const ROOT = new URL("../", import.meta.url).pathname;
const BATCHES = [1, 1000, 100_000];

function tiled(batch: Batch, rows: number): Batch {
  return takeRows(batch, Int32Array.from({ length: rows }, (_, i) => i % batch.n));
}

function entry(name: string) {
  const index = JSON.parse(readFileSync(`${ROOT}data/models/index.json`, "utf8"));
  const m = index.models.find((x: { name: string }) => x.name === name);
  if (!m) throw new Error(`unknown model \`${name}\`; see data/models/index.json`);
  const data = index.datasets.find((d: { name: string }) => d.name === m.dataset).path;
  return { path: `${ROOT}data/models/${m.path}`, card: `${ROOT}data/models/${m.card}`, data: `${ROOT}data/models/${data}` };
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

async function threadFigures(name: string, rounds: number, pool: WorkerPool) {
  const e = entry(name);
  const model: OnnxPredictor = await loadModel(e.path, { card: e.card, numThreads: 1 });
  const { table, schema } = await loadTable(e.data);
  const base = toBatch(table, model.features, schema);
  // what a first job pays: start a worker with 2 threads (tsx, onnxruntime-web) and load the model there
  const t0 = performance.now();
  await pool.run({ kind: "predict", models: [model], many: false, data: tiled(base, 1), options: {}, threads: 2 });
  const firstWorkerCallMs = performance.now() - t0;
  const out = [];
  for (const rows of BATCHES) {
    const batch = tiled(base, rows);
    // a single row is too quick to time alone: calls per timed figure
    const calls = rows === 1 ? 50 : 1;
    const fresh = (): Batch => ({ n: batch.n, columns: batch.columns });
    const local = async () => { for (let c = 0; c < calls; c++) await model.predict(fresh()); };
    const worker = (threads: number) => async () => {
      for (let c = 0; c < calls; c++) await pool.run({ kind: "predict", models: [model], many: false, data: fresh(), options: {}, threads });
    };
    const started = performance.now();
    const choice: ThreadChoice = await calibrateThreads(model, batch, { pool, threads: 2 });
    const calibrationMs = performance.now() - started;
    const chosen = choice.worker ? worker(choice.threads) : local;
    const runs: Record<string, () => Promise<void>> = { one: local, two: worker(2), calibrated: chosen };
    const ms: Record<string, number[]> = { one: [], two: [], calibrated: [] };
    for (const f of Object.values(runs)) await f(); // warm-up
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 ? Object.keys(runs).reverse() : Object.keys(runs);
      for (const k of order) {
        const t0 = performance.now();
        await runs[k]();
        ms[k].push((performance.now() - t0) / calls);
      }
    }
    const bestFixed = median(ms.one) <= median(ms.two) ? "one" : "two";
    const ratio = median(ms[bestFixed].map((b, i) => b / ms.calibrated[i]));
    // the fixed series the choice stands for: 1.00× when calibration picked the faster fixed choice
    const picked = choice.worker && choice.threads === 2 ? "two" : !choice.worker && choice.threads === 1 ? "one" : undefined;
    const bestOverPicked = picked ? median(ms[bestFixed]) / median(ms[picked]) : undefined;
    out.push({
      model: name, rows, ms: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, median(v)])),
      bestFixed, bestFixedOverCalibrated: ratio, bestOverPicked, choice, calibrationMs, firstWorkerCallMs,
    });
    process.stderr.write(`  ${name} @${rows}: ${choice.threads} thread(s)${choice.worker ? " in a worker" : ""} (${choice.decided})\n`);
  }
  await model.dispose();
  return out;
}

async function setFigures(rounds: number) {
  const names = Array.from({ length: 12 }, (_, i) => String(i).padStart(2, "0"));
  const members = await Promise.all(names.map((k) =>
    loadModel(`${ROOT}data/models/credit/rashomon-${k}.onnx`, { card: `${ROOT}data/models/credit/rashomon-${k}.card.json` })));
  const { table } = await loadTable(readFileSync(`${ROOT}data/credit.csv`), { format: "csv" });
  const rows = JSON.parse(readFileSync(`${ROOT}data/splits/credit-test-rows.json`, "utf8")).rows as number[];
  const data = takeRows(toBatch(table, [...members[0].features, "Status"]), rows);
  const tasks: Record<string, (workers: number | false) => Promise<unknown>> = {
    "setEffects PD, Income, 20-point grid": (workers) => setEffects(members, data, "Income", { grid: { size: 20 }, workers }),
    "modelClassReliance, B = 3": (workers) => modelClassReliance(members, data, { target: "Status", repeats: 3, seed: 1, workers }),
  };
  const out = [];
  for (const [task, run] of Object.entries(tasks)) {
    // cold: a fresh pool of 2 workers, started and loaded inside the timed call
    await closeMemberWorkers();
    const t0 = performance.now();
    await run(2);
    const cold = performance.now() - t0;
    const ms: Record<string, number[]> = { thread: [], worker: [], workers: [] };
    const counts: Record<string, number | false> = { thread: false, worker: 1, workers: 2 };
    await run(false);
    await run(1); // warm: one chunk goes to the shared pool's worker (capacity 1 in Node), loaded here
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 ? Object.keys(counts).reverse() : Object.keys(counts);
      for (const k of order) {
        const t = performance.now();
        await run(counts[k]);
        ms[k].push(performance.now() - t);
      }
    }
    out.push({
      task, members: members.length, rows: data.n, thread: median(ms.thread), worker: median(ms.worker), workers: median(ms.workers), cold,
      threadOverWorkers: median(ms.thread.map((a, i) => a / ms.workers[i])), threadOverCold: median(ms.thread) / cold,
      oneOverTwo: median(ms.worker.map((a, i) => a / ms.workers[i])),
    });
    process.stderr.write(`  set: ${task} done\n`);
  }
  await closeMemberWorkers();
  await closeWorkers();
  await Promise.all(members.map((m) => m.dispose()));
  return { members: members.length, rows: data.n, tasks: out };
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: "string", default: "5" }, "skip-set": { type: "boolean" } } });
  const rounds = Number(values.rounds);
  const load0 = loadavg()[0];
  const pool = new WorkerPool({ size: 1 });
  const threads = [];
  for (const name of positionals.length ? positionals : ["ames-mlp", "ames-gbm"]) threads.push(...(await threadFigures(name, rounds, pool)));
  await pool.close();
  const set = values["skip-set"] ? undefined : await setFigures(Math.max(3, Math.ceil(rounds / 2)));
  process.stdout.write(JSON.stringify({ cores: availableParallelism(), load: [load0, loadavg()[0]], threads, set }) + "\n");
}

await main();
