// A set's effect of one feature (from `setEffects`): the band the members span — min–max and the
// quartile ribbon — their curves, the median dashed, and where the band is widest.
import * as Plot from "@observablehq/plot";
import type { SetEffects } from "../../explain/rashomon/bands";
import { modelColorScale } from "../colors";
import { curveMarks, isCategorical, rugMark, type Curve } from "../effect-layers";
import { draw, frame } from "../frame";
import { DEFAULT_HEIGHT, count, fmt, PlotError, withUnits, type BasePlotOptions } from "../options";
import { base } from "./dom";

export interface SetEffectsPlotOptions extends BasePlotOptions {
  /** the feature's values in the data, drawn as a rug */
  rug?: ArrayLike<unknown>;
}

export function setEffectsPlot(effects: SetEffects, options: SetEffectsPlotOptions = {}): SVGSVGElement | HTMLElement {
  if (!effects || !Array.isArray(effects.curves) || !Array.isArray(effects.band)) {
    throw new PlotError("setEffectsPlot draws the result of crossexam.setEffects(members, data, feature)");
  }
  const o = base(options);
  const curves: Curve[] = effects.curves.map((c) => ({ model: c.model, x: effects.grid, y: c.values }));
  const band = effects.band.map((b) => ({ x: b.x, min: b.min, q25: b.q25, median: b.median, q75: b.q75, max: b.max }));
  const height = o.height ?? DEFAULT_HEIGHT;
  const categorical = isCategorical(curves);
  const name = effects.on === "ale" ? "accumulated local effect" : "mean prediction";
  const w = effects.widest;
  const marks: Plot.Markish[] = [...curveMarks(curves, effects.feature, curves.length >= 2 ? band : undefined)];
  if (curves.length >= 2 && Number.isFinite(w.width)) {
    marks.push(Plot.ruleX([w.x], { stroke: "#c62828", strokeOpacity: 0.5, strokeDasharray: "2 3" }));
  }
  if (!categorical) marks.push(rugMark(options.rug, height - 60));
  return draw(frame(o, {
    title: o.title ?? `${effects.on === "ale" ? "ALE" : "Partial dependence"} of ${effects.feature} across ${count(curves.length, "model")}`,
    subtitle: o.subtitle ?? `band: min–max and 25–75% of the models, dashed: median · widest at ${effects.feature} = ${typeof w.x === "number" ? fmt(w.x) : w.x} (${fmt(w.width)})`,
    height,
    marginTop: 20,
    marginLeft: 56,
    x: { label: o.xLabel ?? effects.feature, ...(categorical ? { type: "point" as const, padding: 0.3 } : { tickFormat: fmt }), labelAnchor: "center", labelArrow: "none" },
    y: { label: o.yLabel ?? withUnits(name, o.units), grid: true, tickFormat: fmt, labelArrow: "none" },
    color: modelColorScale(curves.map((c) => c.model), curves.length <= 12),
    marks,
  }));
}
