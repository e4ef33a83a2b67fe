// SHAP across rows: the summary (beeswarm) plot — one row of dots per feature, ordered by mean |φ|,
// each dot a row of the data at its SHAP value, coloured by the feature's value (low blue → high
// red) — and the dependence plot of one feature's value against its SHAP value, coloured by the
// feature it interacts with most.
import * as Plot from "@observablehq/plot";
import { strongestInteraction, type ShapRowsValues } from "../explain/shap-rows";
import type { Explanation } from "../explain/types";
import { draw, frame, labelMargin } from "./frame";
import { asList, fmt, normaliseBase, PlotError, type BasePlotOptions } from "./options";
import { tagged } from "./tags";

export interface ShapSummaryPlotOptions extends BasePlotOptions {
  /** features shown, largest mean |φ| first (default 12) */
  topK?: number;
}

export interface ShapDependencePlotOptions extends BasePlotOptions {
  feature: string;
  /** the feature colouring the dots (default: the one interacting most, by shap's heuristic; null for none) */
  color?: string | null;
}

function space(r: Explanation<ShapRowsValues>): string {
  return r.params.space ? ` (${String(r.params.space)})` : "";
}

/** A feature's value scaled to [0, 1] between its 5th and 95th percentiles (NaN for categories and missing). */
function scaled(values: (number | string | null)[][], j: number): number[] {
  const xs = values.map((v) => (typeof v[j] === "number" ? (v[j] as number) : NaN));
  const sorted = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (sorted.length === 0) return xs;
  const lo = sorted[Math.floor(0.05 * (sorted.length - 1))], hi = sorted[Math.ceil(0.95 * (sorted.length - 1))];
  return xs.map((x) => (Number.isNaN(x) ? NaN : hi === lo ? 0.5 : Math.min(1, Math.max(0, (x - lo) / (hi - lo)))));
}

/** Vertical offsets in [-0.42, 0.42] that grow with the local density of φ (a deterministic beeswarm). */
function swarm(phi: number[]): number[] {
  const lo = Math.min(...phi), hi = Math.max(...phi);
  const bins = 50, counts = new Array(bins).fill(0), seen = new Array(bins).fill(0);
  const bin = (x: number) => (hi === lo ? 0 : Math.min(bins - 1, Math.floor(((x - lo) / (hi - lo)) * bins)));
  for (const x of phi) counts[bin(x)]++;
  const max = Math.max(...counts);
  return phi.map((x) => {
    const b = bin(x), k = seen[b]++;
    const width = 0.42 * Math.sqrt(counts[b] / max);
    // alternate above and below the line, outwards
    const t = counts[b] === 1 ? 0 : (Math.ceil(k / 2) / Math.ceil(counts[b] / 2)) * (k % 2 ? 1 : -1);
    return width * t;
  });
}

export function shapSummaryPlot(result: Explanation<ShapRowsValues>, options: ShapSummaryPlotOptions = {}): SVGSVGElement | HTMLElement {
  const [r] = asList(result, ["shap"], "shapSummaryPlot");
  if (!Array.isArray((r.values as ShapRowsValues).rows)) throw new PlotError("shapSummaryPlot draws the SHAP values of many rows (crossexam.shapRows), not of one observation");
  const o = normaliseBase(options);
  const v = r.values;
  const topK = options.topK ?? 12;
  const order = v.features.map((f, j) => ({ f, j, m: v.meanAbs[j] })).sort((a, b) => b.m - a.m).slice(0, topK);
  const dots = order.flatMap(({ f, j }, rank) => {
    const phi = v.values.map((row) => row[j]);
    const offsets = swarm(phi), colour = scaled(v.featureValues, j);
    return phi.map((x, k) => ({ feature: f, rank, y: rank + offsets[k], phi: x, colour: colour[k], row: v.rows[k], value: v.featureValues[k][j] }));
  });
  const tag = tagged((i) => ({ "data-row": dots[i].row, "data-feature": dots[i].feature }));
  return draw(frame(o, {
    title: o.title ?? `SHAP values of ${v.rows.length.toLocaleString("en-US")} rows: ${r.model}`,
    subtitle: o.subtitle ?? `${String(r.params.method)} SHAP${space(r)} · features by mean |SHAP| · colour: the feature's value, low (blue) to high (red); grey: category or missing`,
    height: o.height ?? 34 * order.length + 70,
    marginLeft: labelMargin(order.map((d) => d.f)),
    x: { label: o.xLabel ?? `SHAP value${space(r)}: push on the prediction`, grid: true, tickFormat: fmt, labelAnchor: "center", labelArrow: "none" },
    y: { label: null, domain: [-0.5, order.length - 0.5], reverse: true, ticks: order.map((_, i) => i), tickFormat: (i: number) => order[i]?.f ?? "" },
    color: { type: "linear", scheme: "rdbu", reverse: true, domain: [0, 1], unknown: "#999" },
    marks: [
      Plot.ruleX([0], { stroke: "#666" }),
      Plot.dot(dots, { x: "phi", y: "y", fill: "colour", r: 1.8, fillOpacity: 0.8, render: tag }),
      Plot.tip(dots, Plot.pointer({ x: "phi", y: "y", channels: { feature: "feature", value: (d: { value: unknown }) => String(d.value), row: "row" }, format: { x: fmt, y: false } })),
    ],
  }));
}

export function shapDependencePlot(result: Explanation<ShapRowsValues>, options: ShapDependencePlotOptions): SVGSVGElement | HTMLElement {
  const [r] = asList(result, ["shap"], "shapDependencePlot");
  const o = normaliseBase(options);
  const v = r.values;
  const j = v.features.indexOf(options.feature);
  if (j < 0) throw new PlotError(`shapDependencePlot: unknown feature \`${options.feature}\`; the result has: ${v.features.join(", ")}`);
  const by = options.color === undefined ? strongestInteraction(v, options.feature) : options.color ?? undefined;
  const k = by === undefined ? -1 : v.features.indexOf(by);
  if (by !== undefined && k < 0) throw new PlotError(`shapDependencePlot: unknown colour feature \`${by}\``);
  const colour = k >= 0 ? scaled(v.featureValues, k) : [];
  const dots = v.rows.map((row, i) => ({ row, x: v.featureValues[i][j], phi: v.values[i][j], colour: k >= 0 ? colour[i] : 0.5, by: k >= 0 ? v.featureValues[i][k] : null }))
    .filter((d) => d.x !== null);
  const categorical = dots.some((d) => typeof d.x !== "number");
  const tag = tagged((i) => ({ "data-row": dots[i].row }));
  return draw(frame(o, {
    title: o.title ?? `SHAP dependence of ${options.feature}: ${r.model}`,
    subtitle: o.subtitle ?? `${v.rows.length.toLocaleString("en-US")} rows · ${by ? `colour: ${by} (${options.color === undefined ? "strongest interaction" : "chosen"}), low blue → high red` : "no colour"}`,
    height: o.height ?? 300,
    marginLeft: 56,
    x: categorical ? { label: o.xLabel ?? options.feature, type: "point" } : { label: o.xLabel ?? options.feature, grid: true, tickFormat: fmt, labelAnchor: "center", labelArrow: "none" },
    y: { label: o.yLabel ?? `SHAP value of ${options.feature}${space(r)}`, grid: true, tickFormat: fmt, labelArrow: "none" },
    color: by ? { type: "linear", scheme: "rdbu", reverse: true, domain: [0, 1], unknown: "#999" } : undefined,
    marks: [
      Plot.ruleY([0], { stroke: "#666" }),
      Plot.dot(dots, { x: "x", y: "phi", fill: by ? "colour" : "#4269d0", r: 2.4, fillOpacity: 0.75, render: tag }),
    ],
  }));
}
