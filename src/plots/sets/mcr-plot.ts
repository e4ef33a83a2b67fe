// Model class reliance: per feature, the interval [MCR−, MCR+] of reliance (permuted loss ÷ loss)
// over the set's members, each member a tick, and a rule at 1 (no reliance). An interval entirely
// above 1 means every good model needs the feature; one straddling 1 means some can do without.
import * as Plot from "@observablehq/plot";
import type { ModelClassReliance } from "../../explain/rashomon/reliance";
import { draw, frame, labelMargin } from "../frame";
import { count, fmt, PlotError, type BasePlotOptions } from "../options";
import { labelTicks, tagged } from "../tags";
import { base } from "./dom";

export interface McrPlotOptions extends BasePlotOptions {
  /** features shown at most, by MCR+ (default 20) */
  top?: number;
}

export function mcrPlot(mcr: ModelClassReliance, options: McrPlotOptions = {}): SVGSVGElement | HTMLElement {
  if (!mcr || !Array.isArray(mcr.features)) throw new PlotError("mcrPlot draws the result of crossexam.modelClassReliance(members, data, {target})");
  const o = base(options);
  const features = mcr.features.slice(0, options.top ?? 20);
  const order = features.map((f) => f.feature);
  const ticks = features.flatMap((f) => f.members.map((m) => ({ feature: f.feature, model: m.model, ratio: m.ratio })));
  const models = new Set(ticks.map((t) => t.model)).size;
  const root = draw(frame(o, {
    title: o.title ?? "Model class reliance: how much can a good model rely on each feature?",
    subtitle: o.subtitle ?? `${count(models, "model")} · bar: MCR− to MCR+ · ticks: members · dashed: 1 = no reliance`,
    caption: `reliance = ${mcr.loss} after permuting the feature ÷ before (${mcr.repeats} repeats); blue: every member relies on it`,
    height: o.height ?? 36 + 24 * features.length + 42,
    marginLeft: labelMargin(order),
    marginRight: 64,
    x: { label: o.xLabel ?? "reliance (loss ratio)", grid: true, tickFormat: fmt, labelAnchor: "center", labelArrow: "none" },
    y: { label: null, domain: order },
    marks: [
      Plot.ruleX([1], { stroke: "#c62828", strokeDasharray: "4 3" }),
      Plot.barX(features, {
        y: "feature", x1: "mcrMinus", x2: (d: typeof features[number]) => Math.max(d.mcrPlus, d.mcrMinus + 1e-9), fill: (d: typeof features[number]) => (d.mcrMinus > 1 ? "#1565c0" : "#999"), fillOpacity: 0.35, insetTop: 4, insetBottom: 4,
        title: (d: typeof features[number]) => `${d.feature}: MCR− ${fmt(d.mcrMinus)} (${d.minModel}) … MCR+ ${fmt(d.mcrPlus)} (${d.maxModel})`,
        render: tagged((i) => ({ "data-feature": features[i].feature })),
      }),
      Plot.tickX(ticks, { y: "feature", x: "ratio", stroke: "#222", strokeOpacity: 0.7, insetTop: 3, insetBottom: 3, title: (d: typeof ticks[number]) => `${d.model}: ${fmt(d.ratio)}` }),
      Plot.text(features, { y: "feature", x: "mcrPlus", text: (d: typeof features[number]) => `${fmt(d.mcrMinus)}–${fmt(d.mcrPlus)}`, dx: 6, textAnchor: "start", fill: "#444", fontSize: 11 }),
    ],
  }));
  labelTicks(root, new Map(order.map((f) => [f, f])));
  return root;
}
