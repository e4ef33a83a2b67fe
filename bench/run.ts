// `npm run bench`: speed of crossexam against references measured in the same run.
//   1. models: rows/second of the bundled ames models (linear, rf, gbm, xgb, mlp) at batch 1, 1k and 100k
//      in onnxruntime-web with 1 and 2 threads, native onnxruntime-node when installed, and
//      sklearn/xgboost predict (data/scripts/bench_reference.py);
//   2. explanations: the standard panel set on a 100-tree, 10-feature GBM (bench/fixtures/) next to
//      sklearn.inspection and xgboost's TreeSHAP (bench/reference_explain.py);
//   3. interventional TreeSHAP (bench/treeshap-speed.ts) against the brute-force oracle and the exact method
//      measured in the same process, and xgboost's pred_contribs.
// Each measurement runs in its own child process (onnxruntime-web fixes its thread count per process).
// Options: --quick (shorter time budgets), --skip-models, --skip-explain.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { ms, rate, ratio, table } from "./format";

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

async function benchExplain(python: boolean): Promise<any> {
  console.log("\n## 2. Explanations on a 100-tree depth-3 GBM with 10 features (bench/fixtures/ames10-*.onnx), first 1,000 rows of ames, 1 thread\n");
  if (!existsSync(`${ROOT}bench/fixtures/ames10-gbm.onnx`)) throw new Error("bench/fixtures/ames10-gbm.onnx is missing: run /usr/bin/python3 bench/make_fixtures.py");
  const ref = python ? await runJson(PYTHON, ["bench/reference_explain.py"]) : undefined;
  const ours = await node("explain-speed.ts", ref ? ["--pd-grid", ref.pd_feature0.grid.join(",")] : []);
  if (!ref) console.log(`reference not available (${PYTHON} lacks sklearn/xgboost)\n`);
  else console.log(`reference: sklearn ${ref.library.sklearn}, xgboost ${ref.library.xgboost}, 1 thread\n`);
  const s = (k: string) => (ref ? ref.seconds[k] * 1000 : undefined);
  const ev = ours.evaluations;
  const rows = [
    ["predict 1,000 rows", ms(ours.ms.predict_1000), ms(s("predict_1000")), ratio(ours.ms.predict_1000, s("predict_1000")), "sklearn GBM predict"],
    [`importance, B=10 (${ev.importance} rows)`, ms(ours.ms.importance), ms(s("importance")), ratio(ours.ms.importance, s("importance")), "sklearn permutation_importance(n_repeats=10, RMSE)"],
    [`PD+ICE, 10 features, grid 51 (${ev.pd_ice} rows)`, ms(ours.ms.pd_ice), ms(s("pd_ice")), ratio(ours.ms.pd_ice, s("pd_ice")), "sklearn partial_dependence(kind='both', method='brute', grid_resolution=51)"],
    [`ALE, 10 features, 50 bins (${ev.ale} rows)`, ms(ours.ms.ale), "–", "–", "none (sklearn has no ALE)"],
    [`SHAP one row, ${ours.method} (gbm)`, ms(ours.ms.shap_gbm), "–", "–", "none for sklearn GBM (no shap package)"],
    [`SHAP one row, ${ours.method} (xgb)`, ms(ours.ms.shap_xgb), ms(s("treeshap_one")), ratio(ours.ms.shap_xgb, s("treeshap_one")), "xgboost predict(pred_contribs=True), same model"],
    ["TreeSHAP 1,000 rows (xgb)", ms(ours.ms.treeshap_1000), ms(s("treeshap_1000")), ratio(ours.ms.treeshap_1000, s("treeshap_1000")), "xgboost predict(pred_contribs=True), same model"],
    [`break-down one row, bg 100 (${ev.breakdown} rows)`, ms(ours.ms.breakdown), "–", "–", "none (iBreakDown is R, not installed)"],
  ];
  console.log(table(["task", "ours", "reference", "ours÷ref", "reference is"], rows));
  console.log("ratios are time ours ÷ reference: above 1× we are slower\n");
  if (ref) {
    const diffs = ours.shapRow0.values.map((v: number, j: number) => Math.abs(v - ref.shap_row0.values[j]));
    const scale = Math.max(...ref.shap_row0.values.map(Math.abs));
    console.log(`check: TreeSHAP of row 0 vs xgboost pred_contribs: max |Δφ| = ${Math.max(...diffs).toPrecision(3)} (largest |φ| ${scale.toPrecision(4)}); base ${ours.shapRow0.base.toFixed(2)} vs bias ${ref.shap_row0.bias.toFixed(2)}`);
    const pdDiff = Math.max(...ours.pd.average.map((a: number, k: number) => Math.abs(a - ref.pd_feature0.average[k])));
    console.log(`check: PD of ${ref.pd_feature0.feature} on sklearn's ${ref.pd_feature0.grid.length}-point grid: max |Δ| = ${pdDiff.toPrecision(3)} (PD spans ${Math.min(...ref.pd_feature0.average).toFixed(0)}…${Math.max(...ref.pd_feature0.average).toFixed(0)})`);
    console.log(`check: mean GBM score on the 1,000 rows: ONNX ${ours.gbmMeanScore.toFixed(3)} vs sklearn ${ref.gbm_mean_score.toFixed(3)}`);
  }
  return ref;
}

async function benchTreeShap(ref: any): Promise<void> {
  const t = await node("treeshap-speed.ts", []);
  console.log(`\n## 3. Interventional TreeSHAP, ${t.trees} trees of depth 3, ${t.features} features, background ${t.background} rows (ames10-xgb), 1 thread\n`);
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

async function main() {
  const { values } = parseArgs({ options: { quick: { type: "boolean" }, "skip-models": { type: "boolean" }, "skip-explain": { type: "boolean" } } });
  const started = performance.now();
  const ortVersion = JSON.parse(readFileSync(`${ROOT}node_modules/onnxruntime-web/package.json`, "utf8")).version;
  console.log(`# crossexam bench — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), onnxruntime-web ${ortVersion}`);
  const load = loadavg()[0];
  if (load > cpus().length * 0.75) console.log(`warning: load average ${load.toFixed(1)} on ${cpus().length} cores — other work is running; figures (above all 2-thread ones) will be low and noisy`);
  const python = pythonReady();
  if (!values["skip-models"]) await benchModels(values.quick ? 0.15 : 0.5, python);
  if (!values["skip-explain"]) await benchTreeShap(await benchExplain(python));
  console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
