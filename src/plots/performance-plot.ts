// Goodness of fit: ROC and precision–recall curves for classifiers (AUC in the legend); for
// regressors, predicted against actual (from residual results) or the error metrics per model.
import * as Plot from "@observablehq/plot";
import type { ClassificationPerformance, PerformanceValues, RegressionPerformance } from "../explain/performance";
import type { ResidualValues } from "../explain/residuals";
import type { Explanation } from "../explain/types";
import { modelColorScale } from "./colors";
import { draw, frame } from "./frame";
import { asList, DEFAULT_HEIGHT, fmt, normaliseBase, PlotError, withUnits, type BasePlotOptions, type NormalisedBase } from "./options";
import { thin } from "./thin";
import { scatterRows } from "./residual-plot";
import { tagged } from "./tags";

export interface PerformancePlotOptions extends BasePlotOptions {
  /** classification: which curves (default "both", side by side) */
  curves?: "roc" | "pr" | "both";
  /** most points drawn per curve or per scatter (default 400 per curve, 2000 points) */
  maxPoints?: number;
}

type Input = Explanation<PerformanceValues> | Explanation<ResidualValues>;

/**
 * Classification performance → ROC/PR curves; residual results → predicted vs actual;
 * regression performance alone → RMSE and MAE per model.
 */
export function performancePlot(results: Input | readonly Input[], options: PerformancePlotOptions = {}): SVGSVGElement | HTMLElement {
  const list = asList(results as Explanation<unknown> | Explanation<unknown>[], ["performance", "residuals"], "performancePlot");
  const o = normaliseBase(options);
  if (list.some((r) => r.kind !== list[0].kind)) throw new PlotError("performancePlot: give either performance results or residual results, not both");
  if (list[0].kind === "residuals") return predictedVsActual(list as Explanation<ResidualValues>[], o, options.maxPoints ?? 2000);
  const perf = list as Explanation<PerformanceValues>[];
  const tasks = new Set(perf.map((r) => r.values.task));
  if (tasks.size > 1) throw new PlotError(`performancePlot: models ${perf.map((r) => `\`${r.model}\` (${r.values.task})`).join(", ")} mix classification and regression; plot them apart`);
  if (perf[0].values.task === "regression") return regressionMetrics(perf as Explanation<RegressionPerformance>[], o);
  const cls = perf as Explanation<ClassificationPerformance>[];
  const which = options.curves ?? "both";
  if (!["roc", "pr", "both"].includes(which)) throw new PlotError(`performancePlot: curves must be "roc", "pr" or "both"; got ${String(which)}`);
  const max = options.maxPoints ?? 400;
  if (which !== "both") return which === "roc" ? roc(cls, o, max) : pr(cls, o, max);
  // two panels side by side, each with its own legend
  const half = { ...o, width: Math.floor(o.width / 2), title: undefined, subtitle: undefined };
  const div = o.document.createElement("div");
  div.setAttribute("class", "crossexam-panels");
  div.setAttribute("style", "display: flex; flex-wrap: wrap; gap: 0;");
  if (o.title !== "") {
    const h = o.document.createElement("h2");
    h.textContent = o.title ?? `Classification performance${cls.length === 1 ? `: ${cls[0].model}` : ""}`;
    h.setAttribute("style", "flex-basis: 100%; margin: 0 0 0.2rem; font-size: 1rem; font-weight: 600;");
    div.append(h);
  }
  const panels = [roc(cls, { ...half, title: "ROC" }, max), pr(cls, { ...half, title: "Precision–recall" }, max)];
  // browsers indent a <figure> by 40px; side by side they must not
  for (const p of panels) p.setAttribute("style", `${p.getAttribute("style") ?? ""} margin: 0;`.trim());
  div.append(...panels);
  return div;
}

function legendWith(cls: readonly Explanation<ClassificationPerformance>[], metric: (v: ClassificationPerformance) => string) {
  const byModel = new Map(cls.map((r) => [r.model, r.values]));
  return { ...modelColorScale(cls.map((r) => r.model)), tickFormat: (m: string) => `${m} (${metric(byModel.get(m)!)})` };
}

/** " ± 0.012 (1 SE)" of a metric computed on a sample of a larger table, else "". */
function seText(r: Explanation<unknown>, metric: string): string {
  const se = (r.se as Record<string, number> | undefined)?.[metric];
  return typeof se === "number" && Number.isFinite(se) ? ` ± ${fmt(se)} (1 SE)` : "";
}

function roc(cls: readonly Explanation<ClassificationPerformance>[], o: NormalisedBase, max: number): SVGSVGElement | HTMLElement {
  const data = cls.flatMap((r) => thin(r.values.roc.fpr.length, max).map((k) => ({ model: r.model, fpr: r.values.roc.fpr[k], tpr: r.values.roc.tpr[k], threshold: r.values.roc.threshold[k] })));
  return draw(frame(o, {
    title: o.title ?? `ROC${cls.length === 1 ? `: ${cls[0].model}` : ""}`,
    subtitle: o.subtitle,
    height: o.height ?? Math.min(DEFAULT_HEIGHT + 40, o.width - 20),
    marginLeft: 48,
    x: { label: o.xLabel ?? "false positive rate", domain: [0, 1], grid: true, labelAnchor: "center", labelArrow: "none" },
    y: { label: o.yLabel ?? "true positive rate", domain: [0, 1], grid: true, labelArrow: "none" },
    color: legendWith(cls, (v) => `AUC ${fmt(v.auc)}${seText(cls.find((r) => r.values === v)!, "auc")}`),
    marks: [
      Plot.line([[0, 0], [1, 1]], { stroke: "#aaa", strokeDasharray: "4 3" }),
      Plot.line(data, { x: "fpr", y: "tpr", z: "model", stroke: "model", strokeWidth: 2, curve: "step-after", render: tagged((i) => ({ "data-model": data[i].model })) }),
      Plot.tip(data, Plot.pointer({ x: "fpr", y: "tpr", stroke: "model", channels: { model: "model", threshold: "threshold" }, format: { x: fmt, y: fmt, threshold: fmt } })),
    ],
  }));
}

function pr(cls: readonly Explanation<ClassificationPerformance>[], o: NormalisedBase, max: number): SVGSVGElement | HTMLElement {
  const data = cls.flatMap((r) => thin(r.values.pr.recall.length, max).map((k) => ({ model: r.model, recall: r.values.pr.recall[k], precision: r.values.pr.precision[k], threshold: r.values.pr.threshold[k] })));
  const prevalence = cls.map((r) => ({ model: r.model, prevalence: r.values.prevalence }));
  return draw(frame(o, {
    title: o.title ?? `Precision–recall${cls.length === 1 ? `: ${cls[0].model}` : ""}`,
    subtitle: o.subtitle,
    height: o.height ?? Math.min(DEFAULT_HEIGHT + 40, o.width - 20),
    marginLeft: 48,
    x: { label: o.xLabel ?? "recall", domain: [0, 1], grid: true, labelAnchor: "center", labelArrow: "none" },
    y: { label: o.yLabel ?? "precision", domain: [0, 1], grid: true, labelArrow: "none" },
    color: legendWith(cls, (v) => `AP ${fmt(v.averagePrecision)}`),
    marks: [
      // a model without skill has precision = prevalence
      Plot.ruleY(prevalence, { y: "prevalence", stroke: "#aaa", strokeDasharray: "4 3" }),
      Plot.line(data, { x: "recall", y: "precision", z: "model", stroke: "model", strokeWidth: 2, render: tagged((i) => ({ "data-model": data[i].model })) }),
      Plot.tip(data, Plot.pointer({ x: "recall", y: "precision", stroke: "model", channels: { model: "model", threshold: "threshold" }, format: { x: fmt, y: fmt, threshold: fmt } })),
    ],
  }));
}

function predictedVsActual(list: readonly Explanation<ResidualValues>[], o: NormalisedBase, max: number): SVGSVGElement | HTMLElement {
  const data = scatterRows(list, (r, i) => r.values.predicted[i], max);
  const all = data.flatMap((d) => [d.x as number, d.actual]);
  const lo = Math.min(...all), hi = Math.max(...all);
  return draw(frame(o, {
    title: o.title ?? `Predicted vs actual${list.length === 1 ? `: ${list[0].model}` : ""}`,
    subtitle: o.subtitle ?? `${data.length} rows${data.length < list[0].values.actual.length * list.length ? " (evenly sampled)" : ""} · dashed: predicted = actual`,
    height: o.height ?? DEFAULT_HEIGHT + 60,
    marginLeft: 56,
    x: { label: o.xLabel ?? withUnits("predicted", o.units), domain: [lo, hi], grid: true, tickFormat: fmt, labelAnchor: "center", labelArrow: "none" },
    y: { label: o.yLabel ?? withUnits("actual", o.units), domain: [lo, hi], grid: true, tickFormat: fmt, labelArrow: "none" },
    color: modelColorScale(list.map((r) => r.model)),
    marks: [
      Plot.line([[lo, lo], [hi, hi]], { stroke: "#888", strokeDasharray: "4 3" }),
      Plot.dot(data, { x: "x", y: "actual", fill: "model", r: 2.2, fillOpacity: 0.6, render: tagged((i) => ({ "data-row": data[i].row, "data-model": data[i].model })) }),
      Plot.tip(data, Plot.pointer({ x: "x", y: "actual", stroke: "model", channels: { model: "model", row: "row" }, format: { x: fmt, y: fmt } })),
    ],
  }));
}

function regressionMetrics(list: readonly Explanation<RegressionPerformance>[], o: NormalisedBase): SVGSVGElement | HTMLElement {
  const models = list.map((r) => r.model);
  const se = (r: Explanation<RegressionPerformance>, m: string) => (r.se as Record<string, number> | undefined)?.[m];
  const data = list.flatMap((r) => (["rmse", "mae"] as const).map((metric) => ({ model: r.model, metric: metric.toUpperCase(), value: r.values[metric], se: se(r, metric) })));
  // on a sample of a larger table: ±2 SE relative to the whole table
  const sampled = data.filter((d) => typeof d.se === "number" && Number.isFinite(d.se));
  return draw(frame(o, {
    title: o.title ?? "Regression error",
    subtitle: o.subtitle ?? `R²: ${list.map((r) => `${r.model} ${fmt(r.values.r2)}`).join(", ")} · n = ${list[0].values.n}${sampled.length ? " · whiskers: ±2 SE relative to the whole table" : ""}`,
    height: o.height ?? Math.round(80 + 2 * (models.length * 16 + 10)),
    marginLeft: 56,
    x: { label: o.xLabel ?? withUnits("error", o.units), grid: true, tickFormat: fmt, labelAnchor: "center", labelArrow: "none" },
    y: { axis: null, domain: models },
    fy: { label: null, domain: ["RMSE", "MAE"], padding: 0.2 },
    color: modelColorScale(models),
    marks: [
      Plot.barX(data, { x: "value", y: "model", fy: "metric", fill: "model", title: (d: { model: string; metric: string; value: number }) => `${d.model} ${d.metric}: ${fmt(d.value)}`, render: tagged((i) => ({ "data-model": data[i].model })) }),
      Plot.ruleX([0]),
      Plot.ruleY(sampled, { x1: (d: { value: number; se?: number }) => d.value - 2 * d.se!, x2: (d: { value: number; se?: number }) => d.value + 2 * d.se!, y: "model", fy: "metric", stroke: "#222", strokeWidth: 1.4 }),
    ],
  }));
}
