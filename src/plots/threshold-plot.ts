// Decision thresholds: precision, recall (TPR), FPR and selection rate against the threshold, the
// expected cost per row below them, a rule at the chosen threshold and a dashed one at the least-
// cost threshold, the confusion matrix at the chosen one, and the group metrics when sliced.
import * as Plot from "@observablehq/plot";
import type { ThresholdValues } from "../explain/threshold";
import type { Explanation } from "../explain/types";
import { modelColorScale, NEUTRAL } from "./colors";
import { draw, frame, labelMargin } from "./frame";
import { asList, fmt, normaliseBase, type BasePlotOptions, type NormalisedBase } from "./options";

export type ThresholdPlotOptions = BasePlotOptions;

const METRICS = [
  { key: "precision", label: "precision" },
  { key: "recall", label: "recall (TPR)" },
  { key: "fpr", label: "FPR" },
  { key: "selectionRate", label: "selection rate" },
] as const;

function positive(r: Explanation<ThresholdValues>): string {
  return r.params.positiveClass !== undefined ? `class ${String(r.params.positiveClass)}` : "class 1";
}

function metricsPlot(list: Explanation<ThresholdValues>[], o: NormalisedBase): SVGSVGElement | HTMLElement {
  const rows = list.flatMap((r) => r.values.sweep.flatMap((m) => METRICS.map(({ key, label }) => ({ model: r.model, metric: label, threshold: m.threshold, value: m[key] }))))
    .filter((d) => !Number.isNaN(d.value));
  const at = list.map((r) => ({ model: r.model, threshold: r.values.at.threshold }));
  const optimum = list.filter((r) => Number.isFinite(r.values.optimum.threshold)).map((r) => ({ model: r.model, threshold: r.values.optimum.threshold }));
  return draw(frame(o, {
    title: o.title ?? `Decision threshold${list.length === 1 ? `: ${list[0].model}` : ""}`,
    subtitle: o.subtitle ?? `score of ${positive(list[0])} ≥ threshold is positive · solid rule: chosen ${fmt(list[0].values.at.threshold)} · dashed: least cost (FP ${fmt(list[0].values.costs.fp)}, FN ${fmt(list[0].values.costs.fn)})`,
    height: o.height ?? (list.length > 1 ? 150 * list.length + 40 : 240),
    marginRight: 100,
    x: { label: o.xLabel ?? `threshold on the score of ${positive(list[0])}`, grid: true, tickFormat: fmt, labelArrow: "none", labelAnchor: "center" },
    y: { label: o.yLabel ?? "rate", domain: [0, 1], grid: true, labelArrow: "none" },
    fy: list.length > 1 ? { label: null } : undefined,
    color: { legend: true, domain: METRICS.map((m) => m.label), range: ["#4269d0", "#ff725c", "#efb118", "#6cc5b0"] },
    marks: [
      Plot.lineY(rows, { x: "threshold", y: "value", stroke: "metric", fy: list.length > 1 ? "model" : undefined, strokeWidth: 2 }),
      Plot.ruleX(at, { x: "threshold", fy: list.length > 1 ? "model" : undefined, stroke: "#111" }),
      Plot.ruleX(optimum, { x: "threshold", fy: list.length > 1 ? "model" : undefined, stroke: "#111", strokeDasharray: "4 3" }),
      Plot.tip(rows, Plot.pointerX({ x: "threshold", y: "value", fy: list.length > 1 ? "model" : undefined, stroke: "metric", channels: { metric: "metric" }, format: { x: fmt, y: fmt } })),
    ],
  }));
}

function costPlot(list: Explanation<ThresholdValues>[], o: NormalisedBase): SVGSVGElement | HTMLElement {
  const models = list.map((r) => r.model);
  const rows = list.flatMap((r) => r.values.sweep.map((m) => ({ model: r.model, threshold: m.threshold, cost: m.cost })));
  const best = list.map((r) => ({ model: r.model, threshold: r.values.optimum.threshold, cost: r.values.optimum.cost }))
    .filter((d) => Number.isFinite(d.threshold));
  return draw(frame({ ...o, title: undefined, subtitle: undefined }, {
    title: "Expected cost per row",
    subtitle: best.map((b) => `${list.length > 1 ? `${b.model}: ` : ""}least ${fmt(b.cost)} at ${fmt(b.threshold)}`).join(" · ") || "no threshold makes anything positive at less cost",
    height: 180,
    marginRight: 100,
    x: { label: "threshold", grid: true, tickFormat: fmt, labelArrow: "none", labelAnchor: "center" },
    y: { label: "cost per row", grid: true, tickFormat: fmt, labelArrow: "none" },
    color: modelColorScale(models, list.length > 1),
    marks: [
      Plot.lineY(rows, { x: "threshold", y: "cost", stroke: "model", strokeWidth: 2 }),
      Plot.dot(best, { x: "threshold", y: "cost", fill: "model", r: 4 }),
    ],
  }));
}

function confusionPlot(r: Explanation<ThresholdValues>, o: NormalisedBase): SVGSVGElement | HTMLElement {
  const m = r.values.at;
  const cells = [
    { actual: "positive", predicted: "positive", n: m.tp, what: "TP" }, { actual: "positive", predicted: "negative", n: m.fn, what: "FN" },
    { actual: "negative", predicted: "positive", n: m.fp, what: "FP" }, { actual: "negative", predicted: "negative", n: m.tn, what: "TN" },
  ];
  return draw(frame({ ...o, title: undefined, subtitle: undefined, width: 300 }, {
    title: `Confusion at ${fmt(m.threshold)}${r.model ? `: ${r.model}` : ""}`,
    subtitle: `precision ${fmt(m.precision)} · recall ${fmt(m.recall)} · accuracy ${fmt(m.accuracy)}`,
    width: 300, height: 190, marginLeft: 80, marginBottom: 40,
    x: { label: "predicted", domain: ["positive", "negative"], labelAnchor: "center", labelArrow: "none" },
    y: { label: "actual", domain: ["positive", "negative"], labelArrow: "none" },
    color: { scheme: "blues", domain: [0, Math.max(1, m.n)] },
    marks: [
      Plot.cell(cells, { x: "predicted", y: "actual", fill: "n", inset: 1 }),
      Plot.text(cells, { x: "predicted", y: "actual", text: (d) => `${d.what} ${d.n.toLocaleString("en-US")}`, fill: (d) => (d.n > 0.6 * m.n ? "white" : "black"), fontSize: 13 }),
    ],
  }));
}

function groupsPlot(list: Explanation<ThresholdValues>[], o: NormalisedBase): SVGSVGElement | HTMLElement | undefined {
  const sliced = list.filter((r) => r.values.groups);
  if (sliced.length === 0) return undefined;
  const rows = sliced.flatMap((r) => r.values.groups!.rows.flatMap((g) => (["selectionRate", "recall", "fpr"] as const).map((key) => ({
    model: r.model, group: g.group, n: g.n, metric: key === "recall" ? "TPR" : key === "fpr" ? "FPR" : "selection rate", value: g[key],
  })))).filter((d) => !Number.isNaN(d.value)).map((d) => ({ ...d, bar: sliced.length > 1 ? `${d.metric} · ${d.model}` : d.metric }));
  const bars = sliced.length > 1 ? ["selection rate", "TPR", "FPR"].flatMap((m) => sliced.map((r) => `${m} · ${r.model}`)) : ["selection rate", "TPR", "FPR"];
  const groups = [...new Set(rows.map((d) => d.group))];
  const gaps = sliced.map((r) => `${sliced.length > 1 ? `${r.model}: ` : ""}gaps: selection ${fmt(r.values.groups!.gaps.selectionRate)}, TPR ${fmt(r.values.groups!.gaps.recall)}, FPR ${fmt(r.values.groups!.gaps.fpr)}`);
  return draw(frame({ ...o, title: undefined, subtitle: undefined }, {
    title: `By ${sliced[0].values.groups!.attribute}, at threshold ${fmt(sliced[0].values.at.threshold)}`,
    subtitle: gaps.join(" · "),
    height: Math.max(160, groups.length * (bars.length * 13 + 10) + 70),
    marginLeft: labelMargin(bars) + labelMargin(groups, 20, 120),
    marginRight: 40,
    x: { label: "rate", domain: [0, 1], grid: true, labelArrow: "none", labelAnchor: "center" },
    y: { label: null, domain: bars, tickSize: 0 },
    fy: { label: null, domain: groups, axis: "left", tickSize: 0, tickPadding: labelMargin(bars) },
    color: { legend: true, domain: ["selection rate", "TPR", "FPR"], range: ["#6cc5b0", "#ff725c", "#efb118"] },
    marks: [
      // x1/x2, not x: bars of different models must not stack
      Plot.barX(rows, { x1: 0, x2: "value", y: "bar", fy: "group", fill: "metric" }),
      Plot.text(rows, { x: "value", y: "bar", fy: "group", text: (d) => `${fmt(d.value)} (n ${d.n})`, dx: 4, textAnchor: "start", fontSize: 10 }),
      Plot.ruleX([0], { stroke: NEUTRAL }),
    ],
  }));
}

/** The threshold panel: metrics and cost over thresholds, the confusion matrix, group metrics. */
export function thresholdPlot(
  results: Explanation<ThresholdValues> | readonly Explanation<ThresholdValues>[], options: ThresholdPlotOptions = {},
): HTMLElement {
  const list = asList(results, ["threshold"], "thresholdPlot");
  const o = normaliseBase(options);
  const holder = o.document.createElement("div");
  holder.className = "cx-threshold";
  const row = o.document.createElement("div");
  row.style.display = "flex";
  row.style.flexWrap = "wrap";
  row.style.gap = "12px";
  for (const r of list) row.append(confusionPlot(r, o));
  holder.append(metricsPlot(list, o), costPlot(list, o), row);
  const groups = groupsPlot(list, o);
  if (groups) holder.append(groups);
  return holder;
}
