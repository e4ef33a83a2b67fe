// Rows per second of bundled models in onnxruntime-web (and native onnxruntime-node when it is
// installed), at one thread count: a child process of bench/run.ts, because onnxruntime-web fixes
// its thread count for the whole process when the first session is created.
//   node --import tsx bench/predict-speed.ts --threads 1 --batches 1,1000,100000 --seconds 0.5 ames-gbm …
// Prints JSON: {threads, native: "version"|null, results: [{model, web: {batch: rps}, session: {…}, native: {…}}]}.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadTable, toBatch } from "../src/data/index";
import { takeRows } from "../src/explain/index";
import { encodeInputs, loadModel, loadOrt, rewriteZipMap, type Batch, type OnnxPredictor } from "../src/model/index";
import { bestOf, rowsPerSecond } from "./timing";

const ROOT = new URL("../", import.meta.url).pathname;
type Rates = Record<string, number>;

interface IndexEntry { name: string; dataset: string; path: string; card: string }

/** data/models/index.json entries by full name (e.g. "ames-gbm"), with paths made absolute. */
function modelIndex(): Map<string, IndexEntry & { data: string }> {
  const index = JSON.parse(readFileSync(`${ROOT}data/models/index.json`, "utf8"));
  const datasets = new Map<string, string>(index.datasets.map((d: { name: string; path: string }) => [d.name, d.path]));
  const base = `${ROOT}data/models/`;
  return new Map(index.models.map((m: IndexEntry) => [m.name, {
    ...m, path: base + m.path, card: base + m.card, data: base + datasets.get(m.dataset)!,
  }]));
}

/** `rows` rows cycled from `batch` (the dataset tiled, as the Python reference does). */
function tiled(batch: Batch, rows: number): Batch {
  return takeRows(batch, Int32Array.from({ length: rows }, (_, i) => i % batch.n));
}

/**
 * Native onnxruntime-node, when installed (it is not a dependency of crossexam): from node_modules,
 * or from the package folder named by CROSSEXAM_ORT_NODE (an install kept outside the project).
 */
async function loadNative(): Promise<any | undefined> {
  for (const name of [process.env.CROSSEXAM_ORT_NODE, "onnxruntime-node"]) {
    if (!name) continue;
    try {
      const mod = await import(name.startsWith("/") ? `${name.replace(/\/$/, "")}/dist/index.js` : name);
      return mod.default?.InferenceSession ? mod.default : mod;
    } catch {
      // not installed there: try the next place
    }
  }
  return undefined;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { threads: { type: "string", default: "1" }, batches: { type: "string", default: "1,1000,100000" }, seconds: { type: "string", default: "0.5" } },
  });
  const threads = Number(values.threads);
  const batches = values.batches!.split(",").map(Number);
  const budgetMs = Number(values.seconds) * 1000;
  const index = modelIndex();
  const native = await loadNative();
  const ort = await loadOrt();
  const results = [];
  for (const name of positionals) {
    const entry = index.get(name);
    if (!entry) throw new Error(`unknown model \`${name}\`; see data/models/index.json`);
    const model: OnnxPredictor = await loadModel(entry.path, { card: entry.card, numThreads: threads });
    const { table, schema } = await loadTable(entry.data);
    const data = toBatch(table, model.features, schema);
    const bytes = rewriteZipMap(new Uint8Array(readFileSync(entry.path))).bytes;
    const nativeSession = native
      ? await native.InferenceSession.create(bytes, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: "all" })
      : undefined;
    const web: Rates = {}, session: Rates = {}, nat: Rates = {};
    for (const rows of batches) {
      const batch = tiled(data, rows);
      const runs = rows === 1 ? { budgetMs } : { budgetMs, maxRuns: 50 };
      // a fresh Batch object per call, so the prediction cache never answers
      web[rows] = rowsPerSecond(rows, await bestOf(() => model.predict({ n: batch.n, columns: batch.columns }), runs));
      // the session alone, on inputs encoded once: what onnxruntime-web itself costs
      const encoded = encodeInputs(model.plan, batch);
      const feeds = Object.fromEntries(encoded.map((e) => [e.name, new ort.Tensor(e.type as "float32", e.data as Float32Array, e.dims)]));
      session[rows] = rowsPerSecond(rows, await bestOf(() => model.session.run(feeds), runs));
      if (nativeSession) {
        const nfeeds = Object.fromEntries(encoded.map((e) => [e.name, new native.Tensor(e.type, e.data, e.dims)]));
        nat[rows] = rowsPerSecond(rows, await bestOf(() => nativeSession.run(nfeeds), runs));
      }
    }
    await model.dispose();
    await nativeSession?.release?.();
    results.push({ model: name, web, session, native: native ? nat : undefined });
    process.stderr.write(`  ${name} (${threads} thread${threads > 1 ? "s" : ""}) done\n`);
  }
  const nativeVersion = native ? (native.env?.versions?.node ?? native.env?.versions?.common ?? "installed") : null;
  process.stdout.write(JSON.stringify({ threads, native: nativeVersion, results }) + "\n");
}

await main();
