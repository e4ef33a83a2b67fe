// Partial dependence: the mean prediction as one feature moves, with individual (ICE) curves
// behind it and a rug of the feature's data values. Several models overlay; a large set is a band.
import * as Plot from "@observablehq/plot";
import type { IceValues } from "../explain/ice";
import type { Effects, PdpValues } from "../explain/pdp";
import type { Explanation } from "../explain/types";
import { modelColorScale } from "./colors";
import { bandOf, BAND_THRESHOLD, curveMarks, isCategorical, rugMark, type Curve } from "./effect-layers";
import { draw, frame } from "./frame";
import { asList, DEFAULT_HEIGHT, count, fmt, normaliseBase, PlotError, withUnits, type BasePlotOptions } from "./options";
import { tagged } from "./tags";

export interface PdpPlotOptions extends BasePlotOptions {
  /** ICE curves drawn per model at most, taken evenly through the rows (default 100; 0 hides them) */
  maxIce?: number;
  /** the feature's values in the data, drawn as a rug (e.g. `data.columns[feature]`) */
  rug?: ArrayLike<unknown>;
  /** models at or above which PD is drawn as a band (default 6) */
  bandFrom?: number;
}

type PdpInput = Effects | Explanation<PdpValues>;

const MARGIN_TOP = 20, MARGIN_BOTTOM = 40;

/** PD (from `pdp`/`effects`) for one model or several; ICE curves come with `effects` results. */
export function pdpPlot(results: PdpInput | readonly PdpInput[], options: PdpPlotOptions = {}): SVGSVGElement | HTMLElement {
  const items = (Array.isArray(results) ? results : [results]) as PdpInput[];
  const pdps = asList(items.map((r) => ("pdp" in r && "ice" in r ? (r as Effects).pdp : (r as Explanation<PdpValues>))), ["pdp"], "pdpPlot");
  const ices = items.map((r) => ("ice" in r ? (r as Effects).ice : undefined));
  const o = normaliseBase(options);
  const feature = pdps[0].feature ?? "feature";
  const other = pdps.find((p) => p.feature !== pdps[0].feature);
  if (other) throw new PlotError(`pdpPlot: results are for different features (\`${feature}\`, \`${other.feature}\`); plot one feature at a time`);
  const maxIce = options.maxIce ?? 100;
  const centered = ices.some((i) => i?.values.centered);

  // with centred ICE, the PD is centred the same way so both read on one axis
  const curves: Curve[] = pdps.map((p) => ({
    model: p.model, x: p.values.grid,
    y: centered ? p.values.average.map((v) => v - p.values.average[0]) : p.values.average,
  }));
  const models = curves.map((c) => c.model);
  const band = curves.length >= (options.bandFrom ?? BAND_THRESHOLD) ? bandOf(curves) : undefined;
  const height = o.height ?? DEFAULT_HEIGHT;
  const marks: Plot.Markish[] = [];
  // ICE behind everything, and not for a band (hundreds of curves per model would be noise)
  if (!band && maxIce > 0) for (const ice of ices) if (ice) marks.push(iceMark(ice, maxIce));
  // a PD of a sample of a larger table: ±2 standard errors relative to the whole table
  const sampled = !band && !isCategorical(curves) ? pdps.filter((p) => Array.isArray(p.se)) : [];
  for (const p of sampled) marks.push(seMark(p, centered));
  marks.push(...curveMarks(curves, feature, band));
  if (!isCategorical(curves)) marks.push(rugMark(options.rug, height - MARGIN_TOP - MARGIN_BOTTOM));

  const shownIce = ices.filter(Boolean).length && !band ? Math.min(maxIce, Math.max(...ices.map((i) => i?.values.rows.length ?? 0))) : 0;
  const subtitle = o.subtitle ?? [
    `${String(pdps[0].params.grid ?? "grid")} grid of ${pdps[0].values.grid.length}`,
    shownIce ? `${shownIce} ICE curve${shownIce > 1 ? "s" : ""}${centered ? " (centred)" : ""}` : undefined,
    band ? `band: min–max and 25–75% of ${count(curves.length, "model")}, dashed: median` : undefined,
    sampled.length ? `shaded: ±2 SE, sample of ${fmtRows(sampled[0].params.sample)}` : undefined,
  ].filter(Boolean).join(" · ");
  return draw(frame(o, {
    title: o.title ?? `Partial dependence on ${feature}${pdps.length === 1 ? `: ${pdps[0].model}` : ""}`,
    subtitle,
    height,
    marginTop: MARGIN_TOP,
    marginBottom: MARGIN_BOTTOM,
    marginLeft: 56,
    x: { label: o.xLabel ?? feature, ...(isCategorical(curves) ? { type: "point" as const, padding: 0.3 } : { tickFormat: fmt }), labelAnchor: "center", labelArrow: "none" },
    y: { label: o.yLabel ?? withUnits(centered ? "prediction − value at first grid point" : "mean prediction", o.units), grid: true, tickFormat: fmt, labelArrow: "none" },
    color: modelColorScale(models),
    marks,
  }));
}

/** The shaded ±2 SE band of a sampled PD, in the model's colour. */
function seMark(p: Explanation<PdpValues>, centered: boolean): Plot.Markish {
  const se = p.se as number[], shift = centered ? p.values.average[0] : 0;
  const data = p.values.grid.map((x, k) => ({ model: p.model, x, lo: p.values.average[k] - shift - 2 * se[k], hi: p.values.average[k] - shift + 2 * se[k] }));
  return Plot.areaY(data, { x: "x", y1: "lo", y2: "hi", fill: "model", fillOpacity: 0.15 });
}

function fmtRows(sample: unknown): string {
  const s = sample as { rows?: number; of?: number } | undefined;
  return s?.rows && s?.of ? `${s.rows.toLocaleString("en-US")} of ${s.of.toLocaleString("en-US")} rows` : "the table";
}

/** Up to `max` ICE curves, evenly through the rows, thin and translucent in the model's colour. */
function iceMark(ice: Explanation<IceValues>, max: number): Plot.Markish {
  const { grid, rows, curves } = ice.values;
  const step = Math.max(1, curves.length / max);
  const picked: number[] = [];
  for (let i = 0; i < curves.length && picked.length < max; i += step) picked.push(Math.floor(i));
  const data = picked.flatMap((c) => grid.map((x, k) => ({ model: ice.model, row: rows[c], x, y: curves[c][k] })));
  return Plot.lineY(data, {
    x: "x", y: "y", z: "row", stroke: "model", strokeWidth: 0.6, strokeOpacity: 0.18,
    render: tagged((i) => ({ "data-row": data[i].row, "data-model": data[i].model })),
  });
}
