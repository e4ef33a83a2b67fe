// SHAP values of one observation: a waterfall from the base (mean prediction) to the prediction,
// the k largest |φ| shown and the rest summed; whiskers for sampled values' standard errors.
import type { ShapValues } from "../explain/shap";
import type { Explanation } from "../explain/types";
import { asList, fmt, normaliseBase, observationLabel, PlotError, type BasePlotOptions } from "./options";
import { attributionPlot, type Attribution } from "./waterfall";

export interface ShapPlotOptions extends BasePlotOptions {
  /** features shown; the rest are summed into "others (n)" (default 12) */
  topK?: number;
  /** whisker half-width in standard errors for sampled values (default 1.96, about 95%) */
  seWidth?: number;
}

export function shapPlot(
  results: Explanation<ShapValues> | readonly Explanation<ShapValues>[],
  options: ShapPlotOptions = {},
): SVGSVGElement | HTMLElement {
  const list = asList(results, ["shap"], "shapPlot");
  // values in the trees' margin (log-odds) and in probability cannot share one axis: one plot per space
  const spaceOf = (r: Explanation<ShapValues>) => String(r.params.space ?? "response");
  const spaces = [...new Set(list.map(spaceOf))];
  if (spaces.length > 1) {
    const { document } = normaliseBase(options);
    const holder = document.createElement("div");
    holder.className = "cx-shap-spaces";
    const note = document.createElement("p");
    note.textContent = `These SHAP values live in different spaces (${list.map((r) => `${r.model}: ${spaceOf(r)}`).join(", ")}), so each space is drawn on its own axis. Explain every model with one method (e.g. {method: "permutation"}) to compare them on one.`;
    holder.append(note, ...spaces.map((space) => shapPlot(list.filter((r) => spaceOf(r) === space), options)));
    return holder;
  }
  const base = normaliseBase(options);
  const o = spaces[0] === "margin" && base.xLabel === undefined ? { ...base, xLabel: "margin (log-odds), not probability" } : base;
  const topK = options.topK ?? 12;
  if (!(Number.isInteger(topK) && topK >= 1)) throw new PlotError(`shapPlot: topK must be a whole number ≥ 1; got ${options.topK}`);
  const attributions: Attribution[] = list.map((r) => {
    const se = Array.isArray(r.se) ? (r.se as number[]) : undefined;
    return {
      model: r.model, base: r.values.base, prediction: r.values.prediction,
      steps: r.values.features.map((f, j) => ({ label: f, value: valueText(r.values.featureValues[j]), contribution: r.values.values[j], se: se?.[j] })),
    };
  });
  const methods = [...new Set(list.map((r) => String(r.params.method)))].join("/");
  const sampled = list.some((r) => Array.isArray(r.se));
  const seWidth = options.seWidth ?? 1.96;
  const subtitle = o.subtitle ?? [
    `${methods} SHAP${list[0].params.space ? ` in ${String(list[0].params.space)} space` : ""}`,
    list.length > 1 ? list.map((r) => `${r.model}: ${fmt(r.values.base)} → ${fmt(r.values.prediction)}`).join(", ") : undefined,
    sampled ? `whiskers ±${fmt(seWidth)} SE` : undefined,
  ].filter(Boolean).join(" · ");
  const obs = observationLabel(list[0].observation);
  return attributionPlot(attributions, {
    title: o.title ?? `SHAP values${obs ? ` of ${obs}` : ""}${list.length === 1 ? `: ${list[0].model}` : ""}`,
    subtitle, topK, pick: "magnitude", seWidth,
  }, o);
}

export function valueText(v: unknown): string {
  if (v === null || v === undefined) return "missing";
  return typeof v === "number" ? fmt(v) : String(v);
}
