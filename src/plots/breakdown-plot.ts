// Break-down of one observation: the path from the mean prediction to the prediction as features
// are fixed one step at a time (a pair fixed together reads "x2:x3"), the first k steps shown.
import type { BreakdownValues } from "../explain/breakdown";
import type { Explanation } from "../explain/types";
import { asList, fmt, normaliseBase, observationLabel, PlotError, type BasePlotOptions } from "./options";
import { valueText } from "./shap-plot";
import { attributionPlot, type Attribution } from "./waterfall";

export interface BreakdownPlotOptions extends BasePlotOptions {
  /** steps shown, in the path's order; later ones are summed into "others (n)" (default 12) */
  topK?: number;
}

export function breakdownPlot(
  results: Explanation<BreakdownValues> | readonly Explanation<BreakdownValues>[],
  options: BreakdownPlotOptions = {},
): SVGSVGElement | HTMLElement {
  const list = asList(results, ["breakdown"], "breakdownPlot");
  const o = normaliseBase(options);
  const topK = options.topK ?? 12;
  if (!(Number.isInteger(topK) && topK >= 1)) throw new PlotError(`breakdownPlot: topK must be a whole number ≥ 1; got ${options.topK}`);
  const attributions: Attribution[] = list.map((r) => ({
    model: r.model, base: r.values.base, prediction: r.values.prediction,
    steps: r.values.steps.map((s) => ({ label: s.label, value: s.value.map(valueText).join(", "), contribution: s.contribution })),
  }));
  const subtitle = o.subtitle ?? [
    `${String(list[0].params.method ?? "break-down")}, order ${String(list[0].params.ordering ?? "given")}`,
    list.length > 1 ? list.map((r) => `${r.model}: ${fmt(r.values.base)} → ${fmt(r.values.prediction)}`).join(", ") : undefined,
  ].filter(Boolean).join(" · ");
  const obs = observationLabel(list[0].observation);
  return attributionPlot(attributions, {
    title: o.title ?? `Break-down${obs ? ` of ${obs}` : ""}${list.length === 1 ? `: ${list[0].model}` : ""}`,
    subtitle, topK, pick: list.length === 1 ? "order" : "magnitude", seWidth: 0,
  }, o);
}
