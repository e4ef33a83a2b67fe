// Accumulated local effects: how the prediction changes, on average over nearby data, as one
// feature moves; centred to mean zero. Several models overlay; a large set is a band.
import * as Plot from "@observablehq/plot";
import type { AleValues } from "../explain/ale";
import type { Explanation } from "../explain/types";
import { modelColorScale } from "./colors";
import { bandOf, BAND_THRESHOLD, curveMarks, isCategorical, rugMark, type Curve } from "./effect-layers";
import { draw, frame } from "./frame";
import { asList, DEFAULT_HEIGHT, count, fmt, normaliseBase, PlotError, withUnits, type BasePlotOptions } from "./options";

export interface AlePlotOptions extends BasePlotOptions {
  /** the feature's values in the data, drawn as a rug (default: the bin edges) */
  rug?: ArrayLike<unknown>;
  /** models at or above which ALE is drawn as a band (default 6) */
  bandFrom?: number;
}

const MARGIN_TOP = 20, MARGIN_BOTTOM = 40;

export function alePlot(
  results: Explanation<AleValues> | readonly Explanation<AleValues>[],
  options: AlePlotOptions = {},
): SVGSVGElement | HTMLElement {
  const list = asList(results, ["ale"], "alePlot");
  const o = normaliseBase(options);
  const feature = list[0].feature ?? "feature";
  const other = list.find((p) => p.feature !== list[0].feature);
  if (other) throw new PlotError(`alePlot: results are for different features (\`${feature}\`, \`${other.feature}\`); plot one feature at a time`);
  const curves: Curve[] = list.map((r) => ({
    model: r.model,
    x: r.values.kind === "numeric" ? r.values.edges : r.values.levels,
    y: r.values.ale,
  }));
  const models = curves.map((c) => c.model);
  const categorical = isCategorical(curves);
  const band = curves.length >= (options.bandFrom ?? BAND_THRESHOLD) ? bandOf(curves) : undefined;
  const height = o.height ?? DEFAULT_HEIGHT;
  const first = list[0].values;
  // ALE of a sample of a larger table: ±2 SE of each accumulated effect (relative to the first edge)
  const sampled = !band && !categorical ? list.filter((r) => Array.isArray(r.se)) : [];
  const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: "#999" }), ...sampled.map(seMark), ...curveMarks(curves, feature, band)];
  if (!categorical) marks.push(rugMark(options.rug ?? (first.kind === "numeric" ? first.edges : undefined), height - MARGIN_TOP - MARGIN_BOTTOM));

  const subtitle = o.subtitle ?? [
    first.kind === "numeric" ? `${first.edges.length - 1} quantile bins${options.rug ? "" : "; rug: bin edges"}` : `${first.levels.length} levels, ordered by similarity`,
    band ? `band: min–max and 25–75% of ${count(curves.length, "model")}, dashed: median` : undefined,
    sampled.length ? `shaded: ±2 SE from the first edge, sample of ${fmtRows(sampled[0].params.sample)}` : undefined,
  ].filter(Boolean).join(" · ");
  return draw(frame(o, {
    title: o.title ?? `Accumulated local effects of ${feature}${list.length === 1 ? `: ${list[0].model}` : ""}`,
    subtitle,
    height,
    marginTop: MARGIN_TOP,
    marginBottom: MARGIN_BOTTOM,
    marginLeft: 56,
    x: { label: o.xLabel ?? feature, ...(categorical ? { type: "point" as const, padding: 0.3, domain: first.kind === "categorical" ? first.levels : undefined } : { tickFormat: fmt }), labelAnchor: "center", labelArrow: "none" },
    y: { label: o.yLabel ?? withUnits("effect on prediction (centred)", o.units), grid: true, tickFormat: fmt, labelArrow: "none" },
    color: modelColorScale(models),
    marks,
  }));
}

/** The shaded ±2 SE band of a sampled numeric ALE, in the model's colour. */
function seMark(r: Explanation<AleValues>): Plot.Markish {
  const se = r.se as number[], v = r.values as { edges: number[]; ale: number[] };
  const data = v.edges.map((x, k) => ({ model: r.model, x, lo: v.ale[k] - 2 * se[k], hi: v.ale[k] + 2 * se[k] }));
  return Plot.areaY(data, { x: "x", y1: "lo", y2: "hi", fill: "model", fillOpacity: 0.15 });
}

function fmtRows(sample: unknown): string {
  const s = sample as { rows?: number; of?: number } | undefined;
  return s?.rows && s?.of ? `${s.rows.toLocaleString("en-US")} of ${s.of.toLocaleString("en-US")} rows` : "the table";
}
