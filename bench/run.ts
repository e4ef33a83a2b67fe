// `npm run bench`: speed of crossexam against references measured in the same run.
//   1. models: rows/second of the bundled ames models (linear, rf, gbm, xgb, mlp) at batch 1, 1k and 100k
//      in onnxruntime-web with 1 and 2 threads, native onnxruntime-node when installed, and
//      sklearn/xgboost predict (data/scripts/bench_reference.py);
//   2. explanations: the standard panel set on a 100-tree, 10-feature GBM (bench/fixtures/) next to
//      sklearn.inspection and xgboost's TreeSHAP (bench/reference_explain.py);
//   3. the panel grid in headless Chromium (bench/panel-grid-speed.ts, bench/pages/panel-grid.html);
//   4. interventional TreeSHAP (bench/treeshap-speed.ts) against the brute-force oracle and the exact method
//      measured in the same process;
//   5. data: `crossexam predict` on a 1,000,000-row, 12-column CSV and Parquet file made at bench time
//      (bench/reference_load.py), next to pandas read_csv + sklearn predict + to_csv, with peak memory;
//   6. threads and workers (bench/threads-speed.ts): 1 vs 2 onnxruntime-web threads vs the calibrated choice per
//      model and batch, and a Rashomon set's member work in this thread vs 2 workers.
// Each measurement runs in its own child process (onnxruntime-web fixes its thread count per process).
// Options: --quick (shorter time budgets, fewer rounds), --skip-models, --skip-explain, --skip-panels, --skip-data, --skip-threads,
//   --only importance,pd_ice,… (explanation tasks by name; "scaling" for the rows × grid exponent).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { cpus, loadavg, tmpdir } from "node:os";
import { parseArgs } from "node:util";
import { ms, rate, ratio, table } from "./format";
import { alone, median, paired, TaskServer, type Paired } from "./paired";

const ROOT = new URL("../", import.meta.url).pathname;
const PYTHON = "/usr/bin/python3";
const MODELS = ["ames-linear", "ames-rf", "ames-gbm", "ames-xgb", "ames-mlp"];
const BATCHES = [1, 1000, 100_000];

/** Runs a command from the repository root; resolves with its stdout parsed as JSON (stderr passes through). */
function runJson(command: string, args: string[]): Promise<any> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${command} ${args.join(" ")} exited with ${code}`));
      try { resolve(JSON.parse(out)); } catch (e) { reject(new Error(`${args.join(" ")} printed no JSON: ${(e as Error).message}`)); }
    });
  });
}

const node = (script: string, args: string[]) => runJson(process.execPath, ["--import", "tsx", `bench/${script}`, ...args]);
// part 3 measures peak memory, so it runs each step in a fresh process that may force a GC first
const nodeGc = (script: string, args: string[]) => runJson(process.execPath, ["--expose-gc", "--import", "tsx", `bench/${script}`, ...args]);

function pythonReady(): boolean {
  return spawnSync(PYTHON, ["-c", "import sklearn, xgboost, onnx"], { stdio: "ignore" }).status === 0;
}

async function benchModels(seconds: number, python: boolean): Promise<void> {
  console.log(`\n## 1. Prediction speed, rows/second (best of repeated calls, ${seconds} s per figure)\n`);
  const common = ["--batches", BATCHES.join(","), "--seconds", String(seconds), ...MODELS];
  const one = await node("predict-speed.ts", ["--threads", "1", ...common]);
  const two = await node("predict-speed.ts", ["--threads", "2", ...common]);
  const ref = python ? await runJson(PYTHON, ["data/scripts/bench_reference.py", "--batches", BATCHES.join(","), "--seconds", String(seconds), ...MODELS]) : undefined;
  if (!ref) console.log(`sklearn/xgboost reference not available (${PYTHON} lacks sklearn/xgboost/onnx)\n`);
  console.log(one.native ? `native onnxruntime-node ${one.native}: measured` : "native onnxruntime-node: not installed (not a dependency; install it outside the project, e.g. `npm install --prefix /tmp/ortnode --ignore-scripts onnxruntime-node`, and set CROSSEXAM_ORT_NODE=/tmp/ortnode/node_modules/onnxruntime-node)");
  if (ref) console.log(`reference: sklearn ${ref.library.sklearn}, xgboost ${ref.library.xgboost}, numpy ${ref.library.numpy}, 1 thread, predict/predict_proba on the encoded float matrix`);
  console.log("web = model.predict (columns → tensors → onnxruntime-web → scores); session = onnxruntime-web session.run on tensors encoded once\n");
  const rows: string[][] = [];
  for (const name of MODELS) {
    const a = one.results.find((r: any) => r.model === name), b = two.results.find((r: any) => r.model === name);
    const sk = ref?.results.find((r: any) => r.model === name)?.rows_per_second;
    for (const n of BATCHES) {
      rows.push([
        `${name} @${n}`, rate(a.web[n]), rate(b.web[n]), rate(a.session[n]), rate(b.session[n]),
        rate(a.native?.[n]), rate(b.native?.[n]), rate(sk?.[n]), ratio(a.web[n], sk?.[n]), ratio(b.web[n], sk?.[n]),
      ]);
    }
  }
  console.log(table(
    ["model @batch", "web 1t", "web 2t", "session 1t", "session 2t", "native 1t", "native 2t", "sklearn", "web1t÷sk", "web2t÷sk"],
    rows,
  ));
  console.log("ratios are rows/second ours ÷ sklearn/xgboost: above 1× we are faster\n");
}

/** "5.12× (4.8–5.6)": the median of paired ratios and their range. */
function pairedRatio(p: Paired): string {
  const lo = Math.min(...p.ratios), hi = Math.max(...p.ratios);
  return `${median(p.ratios).toPrecision(3)}× (${lo.toPrecision(2)}–${hi.toPrecision(2)})`;
}

const load = (p: Paired) => `${p.load[0].toFixed(1)}→${p.load[1].toFixed(1)}`;

async function benchExplain(python: boolean, rounds: number, only?: Set<string>): Promise<void> {
  const wanted = (task: string) => !only || only.has(task);
  console.log("\n## 2. Explanations on a 100-tree depth-3 GBM with 10 features (bench/fixtures/ames10-*.onnx), first 1,000 rows of ames, 1 thread\n");
  if (!existsSync(`${ROOT}bench/fixtures/ames10-gbm.onnx`)) throw new Error("bench/fixtures/ames10-gbm.onnx is missing: run /usr/bin/python3 bench/make_fixtures.py");
  const ref = python ? await new TaskServer(PYTHON, ["bench/reference_explain.py", "--serve"], ROOT).start() : undefined;
  const pdGrid = ref ? ["--pd-grid", ref.ready.pd_feature0.grid.join(",")] : [];
  const ours = await new TaskServer(process.execPath, ["--import", "tsx", "bench/explain-server.ts", ...pdGrid], ROOT).start();
  const o = ours.ready;
  console.log(`tree engines: gbm ${o.engines.gbm.engine}${o.engines.gbm.reason ? ` (${o.engines.gbm.reason})` : ""}, xgb ${o.engines.xgb.engine}; ` +
    `checked against onnxruntime on ${o.engines.gbm.check?.rows ?? 0} rows at the split thresholds (max |Δ| ${o.engines.gbm.check?.maxDiff.toPrecision(2) ?? "–"})`);
  console.log(`each figure: ${rounds} rounds, ours and the reference alternating call by call (the order flips each round); ` +
    "ratio = reference ms ÷ our ms per round, median (range) over rounds: above 1× we are faster; load = 1-minute load average at start→end\n");

  if (ref) {
    console.log(`reference: sklearn ${ref.ready.library.sklearn}, xgboost ${ref.ready.library.xgboost}, 1 thread\n`);
    const rows: string[][] = [];
    const pairs: [string, string, string, string, string][] = [
      ["predict 1,000 rows (onnxruntime)", "predict_1000", "predict_1000", "sklearn GBM predict", ""],
      ["permutation importance, B = 10", "importance", "importance", "sklearn permutation_importance(n_repeats=10, RMSE)", "≥ 5×"],
      ["PD + ICE, 10 features × 51-point grid", "pd_ice", "pd_ice", "sklearn partial_dependence(kind='both', method='brute')", "≥ 5×"],
      ["TreeSHAP one row (xgb)", "treeshap_one", "treeshap_one", "xgboost predict(pred_contribs=True)", "< 0.5 ms"],
      ["TreeSHAP 1,000 rows (xgb)", "treeshap_1000", "treeshap_1000", "xgboost predict(pred_contribs=True)", "≥ 1×"],
    ];
    let cold = "";
    for (const [label, a, b, what, goal] of pairs.filter((q) => wanted(q[1]))) {
      const p = await paired(ours, a, ref, b, rounds);
      rows.push([label, ms(median(p.ours)), ms(median(p.theirs)), pairedRatio(p), goal, load(p), what]);
      if (a === "treeshap_one" && p.firstMs !== undefined) cold = ms(p.firstMs);
    }
    console.log(table(["task", "ours", "reference", "ref ÷ ours", "goal", "load", "reference is"], rows));
    console.log("both sides warm up each task untimed first (calls until 200 ms or 50 calls), then time one call per round" +
      (cold ? `; our first TreeSHAP one-row call of the task (not yet optimised by the JIT) took ${cold}` : ""));
    const diffs = o.shapRow0.values.map((v: number, j: number) => Math.abs(v - ref.ready.shap_row0.values[j]));
    const scale = Math.max(...ref.ready.shap_row0.values.map(Math.abs));
    console.log(`check: TreeSHAP of row 0 vs xgboost pred_contribs: max |Δφ| = ${Math.max(...diffs).toPrecision(3)} (largest |φ| ${scale.toPrecision(4)})`);
    const pdDiff = Math.max(...o.pd.average.map((a: number, k: number) => Math.abs(a - ref.ready.pd_feature0.average[k])));
    console.log(`check: PD of ${ref.ready.pd_feature0.feature} on sklearn's ${ref.ready.pd_feature0.grid.length}-point grid: max |Δ| = ${pdDiff.toPrecision(3)} (PD spans ${Math.min(...ref.ready.pd_feature0.average).toFixed(0)}…${Math.max(...ref.ready.pd_feature0.average).toFixed(0)})`);
    console.log(`check: mean GBM score on the 1,000 rows: ONNX ${o.gbmMeanScore.toFixed(3)} vs sklearn ${ref.ready.gbm_mean_score.toFixed(3)}\n`);
    ref.close();
  } else console.log(`reference not available (${PYTHON} lacks sklearn/xgboost)\n`);

  // the tree engine against our own onnxruntime path, same explainers, same rows
  const engineRows: string[][] = [];
  for (const [label, trees, ort] of [
    ["predict 1,000 rows", "engine_predict_1000", "predict_1000"],
    ["predict 100,000 rows", "engine_predict_100000", "predict_100000"],
    ["permutation importance, B = 10", "importance", "importance_onnxruntime"],
    ["PD + ICE, 10 features × 51", "pd_ice", "pd_ice_onnxruntime"],
    ["break-down one row, background 100", "breakdown", "breakdown_onnxruntime"],
    ["permutation SHAP one row, background 100, 32 pairs", "shap_permutation", "shap_permutation_onnxruntime"],
  ].filter((q) => wanted(q[1]))) {
    const p = await paired(ours, trees, ours, ort, rounds);
    engineRows.push([label, ms(median(p.ours)), ms(median(p.theirs)), pairedRatio(p), load(p)]);
  }
  console.log(table(["tree engine vs onnxruntime", "trees", "onnxruntime", "onnxruntime ÷ trees", "load"], engineRows));

  const alones: string[][] = [];
  for (const [label, task] of [["ALE, 10 features, 50 bins", "ale"], [`SHAP one row, ${o.method} (gbm)`, "shap_gbm"], ["break-down one row, background 100", "breakdown"]].filter((q) => wanted(q[1]))) {
    const r = await alone(ours, task, rounds);
    alones.push([label, ms(median(r.ms)), String(r.evaluations ?? "–")]);
  }
  console.log(table(["no reference (sklearn has none)", "ours", "evaluations"], alones));

  // cost against rows × grid: PD of one feature, 51 points, over 1k, 10k, 100k rows
  if (!wanted("scaling")) { ours.close(); return; }
  const sizes = [1000, 10_000, 100_000];
  const times: number[] = [];
  for (const n of sizes) times.push(median((await alone(ours, `pd_rows_${n}`, Math.max(3, Math.ceil(rounds / 2)))).ms));
  const exponent = Math.log(times[2] / times[0]) / Math.log(sizes[2] / sizes[0]);
  console.log(`PD of one feature on a 51-point grid: ${sizes.map((n, i) => `${n.toLocaleString("en")} rows ${ms(times[i])}`).join(", ")}; ` +
    `cost ∝ (rows × grid)^${exponent.toFixed(2)} from 1k to 100k rows (1.00 = linear)\n`);
  ours.close();
}

async function benchPanels(rounds: number): Promise<void> {
  console.log("\n## 3. Panel grid in headless Chromium, credit (all 4,454 rows, no sampling), credit-gbm\n");
  const load0 = loadavg()[0];
  const r = await runJson(process.execPath, ["--import", "tsx", "bench/panel-grid-speed.ts", "--rounds", String(rounds)]);
  if (r.skipped) { console.log(`skipped: ${r.skipped}\n`); return; }
  const load = `${load0.toFixed(1)}→${loadavg()[0].toFixed(1)}`;
  console.log(`explainers by ${r.engine}; onnxruntime-web ${r.threads}; ${rounds} rounds; load ${load}`);
  console.log(`threads calibrated in the background before the rounds (${ms(r.calibrationMs)}): ${r.decisions?.length ? r.decisions.join("; ") : "nothing to decide"}`);
  console.log(table(["change", "median", "all rounds", "goal"], [
    ["reference data (all 9 panels)", ms(median(r.reference)), r.reference.map((x: number) => x.toFixed(0)).join(", "), "≤ 1 s"],
    ["new observation (what-if edit)", ms(median(r.observation)), r.observation.map((x: number) => x.toFixed(0)).join(", "), "≤ 100 ms"],
  ]));
  console.log(`each panel alone: ${Object.entries(r.perPanel).map(([k, v]) => `${k} ${(v as number).toFixed(0)} ms`).join(", ")}`);
  console.log(`its explainer alone (the rest is drawing): ${Object.entries(r.computeMs ?? {}).map(([k, v]) => `${k} ${(v as number).toFixed(0)} ms`).join(", ")}\n`);
}

// (pred_contribs is timed beside path-dependent TreeSHAP in section 2; here only what runs in this process)
async function benchTreeShap(ref?: { seconds: Record<string, number> }): Promise<void> {
  const t = await node("treeshap-speed.ts", []);
  console.log(`\n## 4. Interventional TreeSHAP, ${t.trees} trees of depth 3, ${t.features} features, background ${t.background} rows (ames10-xgb), 1 thread\n`);
  const s = (k: string) => (ref ? ref.seconds[k] * 1000 : undefined);
  const m = t.ms;
  const rows = [
    ["one row vs brute force (2^10 coalitions × 100, trees walked in JS)", ms(m.interventional_one), ms(m.brute_one), ratio(m.interventional_one, m.brute_one)],
    ["one row vs method 'exact' (the same values through onnxruntime)", ms(m.interventional_one), ms(m.exact_model_one), ratio(m.interventional_one, m.exact_model_one)],
    ["one row vs xgboost pred_contribs (path-dependent)", ms(m.interventional_one), ms(s("treeshap_one")), ratio(m.interventional_one, s("treeshap_one"))],
    [`${t.rows} rows vs brute force (one row's time × ${t.rows}, not run)`, ms(m.interventional_1000), ms(m.brute_one * t.rows), ratio(m.interventional_1000, m.brute_one * t.rows)],
    [`${t.rows} rows vs xgboost pred_contribs (path-dependent)`, ms(m.interventional_1000), ms(s("treeshap_1000")), ratio(m.interventional_1000, s("treeshap_1000"))],
  ];
  console.log(table(["task", "ours", "reference", "ours÷ref"], rows));
  console.log("ratios are time ours ÷ reference: above 1× we are slower. pred_contribs computes a different (path-dependent) SHAP, in C++;");
  console.log("interventional TreeSHAP does background-size times more work per row by definition");
  console.log(`check: interventional TreeSHAP of row 0: max |Δφ| vs brute force ${t.check.vsBrute.toPrecision(3)}, vs method 'exact' ${t.check.vsExactModel.toPrecision(3)} (largest |φ| ${t.check.largest.toPrecision(4)})`);
}

const sec = (x: number) => `${(x / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

async function benchData(rounds: number, python: boolean): Promise<void> {
  console.log(`\n## 5. Data at the speed of the disk: score 1,000,000 rows × 12 columns from disk (${rounds} alternating round${rounds > 1 ? "s" : ""}, medians)\n`);
  if (!python) { console.log(`reference not available (${PYTHON} lacks pandas/sklearn)`); return; }
  const dir = mkdtempSync(join(tmpdir(), "crossexam-bench-data-"));
  try {
    const made = await runJson(PYTHON, ["bench/reference_load.py", "make", dir]);
    await nodeGc("load-speed.ts", ["make-parquet", dir]);
    const csv = join(dir, "rows.csv"), parquet = join(dir, "rows.parquet");
    console.log(`files: rows.csv ${mb(made.csv_bytes)}, rows.parquet ${mb(readFileSync(parquet).length)} (snappy, 64k-row groups); model bench/fixtures/ames10-gbm.onnx (100 trees)`);
    console.log(`load average at start: ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} cores\n`);
    const r: Record<string, any[]> = { csv: [], pandas: [], parquet: [], floor: [], loadCsv: [], loadParquet: [] };
    for (let k = 0; k < rounds; k++) {
      // alternate ours and theirs, so drifting machine load hits both alike
      r.csv.push(await nodeGc("load-speed.ts", ["predict", csv, join(dir, "ours.csv")]));
      r.pandas.push(await runJson(PYTHON, ["bench/reference_load.py", "csv", dir]));
      r.parquet.push(await nodeGc("load-speed.ts", ["predict", parquet, join(dir, "ours.csv")]));
      r.floor.push(await nodeGc("load-speed.ts", ["floor", parquet]));
      r.loadCsv.push(await nodeGc("load-speed.ts", ["load", csv]));
      r.loadParquet.push(await nodeGc("load-speed.ts", ["load", parquet]));
    }
    const pandasMs = r.pandas.map((p) => p.seconds.total * 1000);
    const paired = (ours: any[]) => median(ours.map((o, k) => pandasMs[k] / o.ms));
    const added = (x: any) => x.rss.peak - x.rss.before;
    const payload = r.loadCsv[0].payload;
    const pr = r.pandas[0];
    const rows = [
      ["crossexam predict, CSV (load + predict + write)", sec(median(r.csv.map((x) => x.ms))), sec(median(pandasMs)), `${paired(r.csv).toFixed(2)}×`, mb(median(r.csv.map((x) => x.rss.peak))), mb(median(r.pandas.map((x) => x.rss.peak)))],
      ["crossexam predict, Parquet", sec(median(r.parquet.map((x) => x.ms))), sec(median(pandasMs)), `${paired(r.parquet).toFixed(2)}×`, mb(median(r.parquet.map((x) => x.rss.peak))), "–"],
      ["loadTable + toBatch, CSV", sec(median(r.loadCsv.map((x) => x.ms))), sec(median(r.pandas.map((p) => p.seconds.read * 1000))), `${median(r.loadCsv.map((o, k) => (r.pandas[k].seconds.read * 1000) / o.ms)).toFixed(2)}×`, `+${mb(median(r.loadCsv.map(added)))}`, `+${mb(median(r.pandas.map(added)))}`],
      ["loadTable + toBatch, Parquet", sec(median(r.loadParquet.map((x) => x.ms))), sec(median(r.floor.map((x) => x.ms))), `${median(r.loadParquet.map((o, k) => r.floor[k].ms / o.ms)).toFixed(2)}×`, `+${mb(median(r.loadParquet.map(added)))}`, `+${mb(median(r.floor.map(added)))}`],
    ];
    console.log(table(["task", "ours", "reference", "ref÷ours", "our peak RSS", "ref peak RSS"], rows));
    console.log(`reference: pandas ${pr.library.pandas} read_csv + sklearn ${pr.library.sklearn} GradientBoostingRegressor.predict (same trees) + DataFrame.to_csv; ` +
      `pandas split ${(pr.seconds.read * 1000).toFixed(0)} / ${(pr.seconds.predict * 1000).toFixed(0)} / ${(pr.seconds.write * 1000).toFixed(0)} ms (read / predict / write).`);
    console.log("Parquet reference: Debian 12 has neither pyarrow nor fastparquet, so the load row compares with parquet-wasm's own readParquet → Arrow IPC of the whole file (the decoder we build on); the predict row with pandas on the CSV.");
    console.log(`ratios are reference time ÷ ours (above 1× we are faster), medians of per-round pairs; peak RSS is the process's maximum resident set, +X is what the step added after a full GC.`);
    console.log(`memory: typed payload ${mb(payload)} (12 float64 columns); CSV load added ${(median(r.loadCsv.map(added)) / payload).toFixed(2)}× it, Parquet ${(median(r.loadParquet.map(added)) / payload).toFixed(2)}× (goal ≤ 2×)`);
    console.log(`load average at end: ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchThreads(rounds: number): Promise<void> {
  console.log("\n## 6. Threads and workers: onnxruntime-web threads chosen by calibration; a Rashomon set over workers\n");
  const r = await node("threads-speed.ts", ["--rounds", String(rounds)]);
  console.log(`${r.cores} cores; load ${r.load[0].toFixed(1)}→${r.load[1].toFixed(1)}; ${rounds} alternating rounds per figure (medians); ` +
    "1 thread = this process's instance, 2 threads = a worker started with 2 (round trip included), calibrated = what calibrateThreads chose\n");
  const rows = r.threads.map((t: any) => [
    `${t.model} @${t.rows.toLocaleString("en")}`, ms(t.ms.one), ms(t.ms.two), ms(t.ms.calibrated),
    `${t.choice.threads}${t.choice.worker ? " (worker)" : ""}, ${t.choice.decided}`, `${t.bestFixedOverCalibrated.toFixed(2)}×`,
    t.bestOverPicked === undefined ? "–" : `${t.bestOverPicked.toFixed(2)}×`,
    ms(t.calibrationMs), ms(t.firstWorkerCallMs),
  ]);
  console.log(table(
    ["model @batch", "1 thread", "2 threads", "calibrated", "chosen", "best fixed ÷ calibrated", "best ÷ picked", "calibration", "1st worker call"],
    rows,
  ));
  console.log("ms per call; best fixed ÷ calibrated: the better fixed choice's ms ÷ the calibrated choice's, timed as its own series");
  console.log("(about 1× within noise: calibration costs no speed); best ÷ picked: the same from the fixed series the choice names");
  console.log("(1.00× when calibration picked the faster fixed choice; below 1× it picked the slower one)");
  console.log("1st worker call: start a 2-thread worker and load the model there (paid once per worker)\n");
  if (!r.set) return;
  console.log(table(
    ["set work (credit, " + r.set.members + " members, " + r.set.rows + " rows)", "this thread", "1 worker", "2 workers", "1 ÷ 2 workers", "thread ÷ 2 workers", "2 workers cold", "thread ÷ cold"],
    r.set.tasks.map((t: any) => [
      t.task, ms(t.thread), ms(t.worker), ms(t.workers), `${t.oneOverTwo.toFixed(2)}×`, `${t.threadOverWorkers.toFixed(2)}×`, ms(t.cold), `${t.threadOverCold.toFixed(2)}×`,
    ]),
  ));
  console.log("workers warm (started, members loaded) except cold = the first call on a fresh pool (starts 2 workers and loads every member there);");
  console.log("ratios are the left figure's ms ÷ the right one's, medians of paired rounds: above 1× the right side is faster\n");
}

async function main() {
  const { values } = parseArgs({ options: { quick: { type: "boolean" }, "skip-models": { type: "boolean" }, "skip-explain": { type: "boolean" }, "skip-panels": { type: "boolean" }, "skip-data": { type: "boolean" }, "skip-threads": { type: "boolean" }, only: { type: "string" } } });
  const started = performance.now();
  const ortVersion = JSON.parse(readFileSync(`${ROOT}node_modules/onnxruntime-web/package.json`, "utf8")).version;
  console.log(`# crossexam bench — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), onnxruntime-web ${ortVersion}`);
  const load = loadavg()[0];
  if (load > cpus().length * 0.75) console.log(`warning: load average ${load.toFixed(1)} on ${cpus().length} cores — other work is running; figures (above all 2-thread ones) will be low and noisy`);
  const python = pythonReady();
  if (!values["skip-models"]) await benchModels(values.quick ? 0.15 : 0.5, python);
  if (!values["skip-explain"]) await benchExplain(python, values.quick ? 5 : 9, values.only ? new Set(values.only.split(",")) : undefined);
  if (!values["skip-panels"] && !values.only) await benchPanels(values.quick ? 3 : 5);
  if (!values["skip-explain"] && (!values.only || values.only.includes("treeshap"))) await benchTreeShap();
  if (!values["skip-data"] && !values.only) await benchData(values.quick ? 1 : 3, python);
  if (!values["skip-threads"] && !values.only) await benchThreads(values.quick ? 3 : 5);
  console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
