// Explanations as readable text tables for `crossexam explain` without --json: one heading line
// saying what was computed and how, then aligned columns. Reads only the plain Explanation data.
import type {
  AleValues, BreakdownValues, CounterfactualValues, ShapRowsValues, Explanation, IceValues, ImportanceValues, PdpValues, PerformanceValues,
  ShapValues, ThresholdValues,
} from "../explain/index";
import { counterfactualText, thresholdText } from "./format-questions";
import { explanationTable, toCsv } from "../plots/export-table";

/** ICE curves shown in text; the rest are counted (all are in --json). */
const MAX_ICE_ROWS = 20;

/** A number in at most 6 significant digits, integers as they are; missing as "NA". */
export function num(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "NA";
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-4 || a >= 1e9) ? x.toExponential(4) : String(Number(x.toPrecision(6)));
}

/** A table cell: numbers formatted, null/undefined left blank (not applicable). */
function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "number" ? num(v) : String(v);
}

/** Rows of cells as aligned columns: text left-aligned, numbers right-aligned. */
export function table(header: string[], rows: unknown[][]): string {
  const text = [header, ...rows.map((r) => r.map(cell))];
  const numeric = header.map((_, j) => rows.length > 0 && rows.every((r) => typeof r[j] === "number" || r[j] === null));
  const widths = header.map((_, j) => Math.max(...text.map((r) => r[j].length)));
  return text.map((r) => r.map((c, j) => (numeric[j] ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join("  ").trimEnd()).join("\n") + "\n";
}

function heading(e: Explanation, what: string): string {
  const obs = typeof e.observation === "number" ? `, row ${e.observation}` : "";
  return `${what} of model ${e.model}${e.feature ? ` on ${e.feature}` : ""}${obs} (${e.evaluations} model evaluations, ${e.ms.toFixed(0)} ms)\n`;
}

function importanceText(e: Explanation<ImportanceValues>): string {
  const v = e.values;
  const head = `${heading(e, "permutation importance")}loss: ${v.loss}, on the unpermuted data ${num(v.baseLoss)}; ${String(e.params.repeats ?? "")} repeats, seed ${String(e.params.seed ?? "")}\n`;
  return head + table(
    ["feature", "dropout", "ratio", "2.5%", "97.5%", "sd"],
    v.features.map((f) => [f.feature, f.dropout, f.ratio, f.lower, f.upper, f.sd]),
  );
}

function gridNote(e: Explanation): string {
  const { grid, gridSize, rows, extrapolated } = e.params;
  const over = typeof rows === "number" ? `; averaged over ${rows} rows` : "";
  return `grid: ${String(grid)}, ${String(gridSize)} points${over}` +
    `${extrapolated ? "; some grid values lie outside the observed range (extrapolation)" : ""}\n`;
}

function pdpText(e: Explanation<PdpValues>): string {
  const se = Array.isArray(e.se) ? (e.se as number[]) : undefined;
  const head = [e.feature ?? "value", "average", ...(se ? ["se (sample vs whole table)"] : [])];
  return heading(e, "partial dependence") + gridNote(e) + table(head, e.values.grid.map((g, k) => [g, e.values.average[k], ...(se ? [se[k]] : [])]));
}

function iceText(e: Explanation<IceValues> & { pdp?: Explanation<PdpValues> }): string {
  const v = e.values;
  const shown = v.curves.slice(0, MAX_ICE_ROWS);
  const more = v.curves.length - shown.length;
  // the PD (mean over all rows, uncentred) computed from the same batch, as the first line
  const pd = e.pdp ? [["PD (mean)" as string | number, ...e.pdp.values.average]] : [];
  return heading(e, `individual conditional expectation${v.centered ? " (centered)" : ""}`) + gridNote(e) +
    table(["row", ...v.grid.map(String)], [...pd, ...shown.map((c, i) => [v.rows[i], ...c])]) +
    (more > 0 ? `… ${more} more rows (all ${v.curves.length} with --json)\n` : "");
}

function aleText(e: Explanation<AleValues>): string {
  const v = e.values;
  if (v.kind === "categorical") {
    return heading(e, "accumulated local effects") + table(["level", "ale", "rows"], v.levels.map((l, k) => [l, v.ale[k], v.counts[k]]));
  }
  return heading(e, "accumulated local effects") +
    table(["edge", "ale", "rows up to edge"], v.edges.map((z, k) => [z, v.ale[k], k === 0 ? null : v.counts[k - 1]]));
}

/** What a SHAP method is, in one line for the reader. */
export function shapMethodText(params: Record<string, unknown>): string {
  const size = params.backgroundSize;
  switch (params.method) {
    case "tree-path": return `tree-path (exact path-dependent TreeSHAP read from the ONNX tree ensemble; ${String(params.background)})`;
    case "tree-interventional": return `tree-interventional (exact interventional TreeSHAP read from the ONNX tree ensemble, against a background of ${String(size)} rows)`;
    case "exact": return `exact (Shapley values over all coalitions of features, against a background of ${String(size)} rows)`;
    case "permutation": return `permutation (${String(params.samples)} antithetic permutation pairs against a background of ${String(size)} rows; ± is one standard error)`;
    case "kernel": return `kernel (Kernel SHAP, ${String(params.samples)} coalition pairs against a background of ${String(size)} rows; ± is one standard error)`;
    default: return String(params.method);
  }
}

function shapText(e: Explanation<ShapValues>): string {
  const v = e.values;
  const se = Array.isArray(e.se) ? (e.se as number[]) : undefined;
  const order = v.features.map((_, j) => j).sort((a, b) => Math.abs(v.values[b]) - Math.abs(v.values[a]));
  const sum = v.values.reduce((s, x) => s + x, 0);
  const lines = [
    `method: ${shapMethodText(e.params)}`,
    `space: ${String(e.params.space)}${e.params.postTransform && e.params.postTransform !== "NONE" ? ` (before the ${String(e.params.postTransform)} transform)` : ""}`,
    ...(e.params.note ? [`note: ${String(e.params.note)}`] : []),
    `base ${num(v.base)}, prediction ${num(v.prediction)}, Σφ ${num(sum)}`,
  ].join("\n") + "\n";
  const header = se ? ["feature", "value", "φ", "±"] : ["feature", "value", "φ"];
  return heading(e, "SHAP values") + lines +
    table(header, order.map((j) => (se ? [v.features[j], v.featureValues[j], v.values[j], se[j]] : [v.features[j], v.featureValues[j], v.values[j]])));
}

function breakdownText(e: Explanation<BreakdownValues>): string {
  const v = e.values;
  const value = (s: BreakdownValues["steps"][number]) => s.value.map((x) => cell(x)).join(":");
  return heading(e, String(e.params.method ?? "break-down")) + `ordering: ${String(e.params.ordering)}; space: ${String(e.params.space)}\n` +
    table(["step", "value", "contribution", "cumulative"], [
      ["(base: mean over the background)", "", null, v.base],
      ...v.steps.map((s) => [s.label, value(s), s.contribution, s.cumulative]),
      ["= prediction", "", null, v.prediction],
    ]);
}

function performanceText(e: Explanation<PerformanceValues>): string {
  const v = e.values;
  const rows: [string, unknown][] = v.task === "regression"
    ? [["rows", v.n], ["rmse", v.rmse], ["mse", v.mse], ["mae", v.mae], ["r2", v.r2]]
    : [["rows", v.n], ["prevalence", v.prevalence], ["auc", v.auc], ["log loss", v.logLoss], ["brier", v.brier],
       [`accuracy at ${num(v.confusion.threshold)}`, v.accuracy], ["average precision", v.averagePrecision],
       ["confusion tp/fp/tn/fn", `${v.confusion.tp}/${v.confusion.fp}/${v.confusion.tn}/${v.confusion.fn}`]];
  return heading(e, `${v.task} performance`) + table(["metric", "value"], rows);
}

/** SHAP of many rows: the mean |φ| per feature (all values are in --json / --format csv). */
function shapRowsText(e: Explanation<ShapRowsValues>): string {
  const v = e.values;
  const order = v.features.map((f, j) => [f, v.meanAbs[j]] as const).sort((a, b) => b[1] - a[1]);
  return `SHAP values of ${v.rows.length} rows of model ${e.model} (${shapMethodText(e.params)}; ${e.evaluations} model evaluations, ${e.ms.toFixed(0)} ms); base ${num(v.base)}\n`
    + table(["feature", "mean |SHAP|"], order.map(([f, m]) => [f, m]));
}

/** The explanation as text: a heading, then its values as a table. */
export function formatExplanation(e: Explanation): string {
  switch (e.kind) {
    case "importance": return importanceText(e as Explanation<ImportanceValues>);
    case "pdp": return pdpText(e as Explanation<PdpValues>);
    case "ice": return iceText(e as Explanation<IceValues>);
    case "ale": return aleText(e as Explanation<AleValues>);
    case "shap": return Array.isArray((e.values as { rows?: unknown }).rows) ? shapRowsText(e as Explanation<ShapRowsValues>) : shapText(e as Explanation<ShapValues>);
    case "breakdown": return breakdownText(e as Explanation<BreakdownValues>);
    case "performance": return performanceText(e as Explanation<PerformanceValues>);
    case "counterfactual": return counterfactualText(e as Explanation<CounterfactualValues>);
    case "threshold": return thresholdText(e as Explanation<ThresholdValues>);
    default: return `${JSON.stringify(e)}\n`;
  }
}

/** The explanation as CSV: the table a plot's menu downloads (src/plots/export-table.ts). */
export function formatCsv(e: Explanation): string {
  return toCsv(explanationTable(e));
}
