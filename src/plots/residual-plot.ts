// Residuals (actual − predicted) against the prediction or against a chosen feature: one dot per
// row (carrying data-row), a zero line, and the mean residual in bins per model to show a trend.
import * as Plot from "@observablehq/plot";
import type { ResidualValues } from "../explain/residuals";
import type { Explanation } from "../explain/types";
import { modelColorScale } from "./colors";
import { draw, frame } from "./frame";
import { asList, DEFAULT_HEIGHT, fmt, normaliseBase, PlotError, withUnits, type BasePlotOptions } from "./options";
import { tagged } from "./tags";
import { thin } from "./thin";

export interface ResidualPlotOptions extends BasePlotOptions {
  /** "prediction" (default) or the name of a feature returned with the residuals */
  against?: string;
  /** most dots drawn per model, taken evenly through the rows (default 2000) */
  maxPoints?: number;
  /** bins for the mean-residual trend line (default 20; 0 hides it) */
  bins?: number;
}

export interface ScatterRow {
  model: string;
  row: number;
  x: number | string | boolean | null;
  residual: number;
  actual: number;
}

/** Rows of each model's residual results, at most `max` per model. */
export function scatterRows(list: readonly Explanation<ResidualValues>[], x: (r: Explanation<ResidualValues>, i: number) => ScatterRow["x"], max: number): ScatterRow[] {
  return list.flatMap((r) => thin(r.values.residual.length, max).map((i) => ({
    model: r.model, row: i, x: x(r, i), residual: r.values.residual[i], actual: r.values.actual[i],
  })));
}

export function residualPlot(
  results: Explanation<ResidualValues> | readonly Explanation<ResidualValues>[],
  options: ResidualPlotOptions = {},
): SVGSVGElement | HTMLElement {
  const list = asList(results, ["residuals"], "residualPlot");
  const o = normaliseBase(options);
  const against = options.against ?? "prediction";
  if (against !== "prediction") {
    const without = list.find((r) => !(against in r.values.features));
    if (without) throw new PlotError(`residualPlot: the residuals of \`${without.model}\` carry no feature \`${against}\`; they have: ${Object.keys(without.values.features).join(", ")}`);
  }
  const data = scatterRows(list, (r, i) => (against === "prediction" ? r.values.predicted[i] : r.values.features[against][i]), options.maxPoints ?? 2000)
    .filter((d) => d.x !== null && !(typeof d.x === "number" && Number.isNaN(d.x)));
  const categorical = data.some((d) => typeof d.x !== "number");
  const models = list.map((r) => r.model);
  const tag = tagged((i) => ({ "data-row": data[i].row, "data-model": data[i].model }));
  const bins = options.bins ?? 20;
  const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: "#666" })];
  if (categorical) {
    // a strip per level, one column per model, the level's mean as a wide tick
    marks.push(
      Plot.tickY(data, { fx: (d: ScatterRow) => String(d.x), x: "model", y: "residual", stroke: "model", strokeOpacity: 0.35, render: tag }),
      Plot.tickY(data, Plot.groupX({ y: "mean" }, { fx: (d: ScatterRow) => String(d.x), x: "model", y: "residual", stroke: "#111", strokeWidth: 2.5 })),
    );
  } else {
    marks.push(Plot.dot(data, { x: "x", y: "residual", fill: "model", r: 2.2, fillOpacity: 0.55, render: tag }));
    if (bins > 0) marks.push(Plot.lineY(data, Plot.binX({ y: "mean" }, { x: "x", y: "residual", stroke: "model", strokeWidth: 2, thresholds: bins } as Plot.LineYOptions)));
    marks.push(Plot.tip(data, Plot.pointer({ x: "x", y: "residual", stroke: "model", channels: { model: "model", row: "row" }, format: { x: fmt, y: fmt } })));
  }
  const xName = against === "prediction" ? withUnits("prediction", o.units) : against;
  return draw(frame(o, {
    title: o.title ?? `Residuals vs ${against}${list.length === 1 ? `: ${list[0].model}` : ""}`,
    subtitle: o.subtitle ?? `actual − predicted · ${list[0].values.residual.length} rows per model${categorical ? " · thick tick: mean" : bins > 0 ? ` · lines: mean residual in ${bins} bins` : ""}`,
    height: o.height ?? DEFAULT_HEIGHT,
    marginLeft: 56,
    marginBottom: categorical ? 40 : 36,
    x: categorical ? { axis: null, domain: models } : { label: o.xLabel ?? xName, grid: true, tickFormat: fmt, labelAnchor: "center", labelArrow: "none" },
    fx: categorical ? { label: o.xLabel ?? against, axis: "bottom", labelAnchor: "center", padding: 0.1 } : undefined,
    y: { label: o.yLabel ?? withUnits("residual", o.units), grid: true, tickFormat: fmt, labelArrow: "none" },
    color: modelColorScale(models),
    marks,
  }));
}
