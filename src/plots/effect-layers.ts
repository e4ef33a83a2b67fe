// Marks shared by the effect plots (PD, ALE): one curve per model, or, for a large set of models
// (a Rashomon set), a band — min–max and the 25–75% quantile ribbon — with members as thin lines.
import * as Plot from "@observablehq/plot";
import { quantile } from "d3";
import { NEUTRAL } from "./colors";
import { fmt } from "./options";
import { tagged } from "./tags";

/** One model's effect curve. */
export interface Curve {
  model: string;
  x: (number | string)[];
  y: number[];
}

export interface CurvePoint { model: string; x: number | string; y: number }
export interface BandPoint { x: number | string; min: number; q25: number; median: number; q75: number; max: number }

/** Models at or above which curves are drawn as a band (unless the grids differ). */
export const BAND_THRESHOLD = 6;

export function isCategorical(curves: readonly Curve[]): boolean {
  return curves.some((c) => c.x.some((v) => typeof v !== "number"));
}

/** Per grid value, the spread over the models; undefined when the models' grids differ. */
export function bandOf(curves: readonly Curve[]): BandPoint[] | undefined {
  const x = curves[0].x;
  if (curves.some((c) => c.x.length !== x.length || c.x.some((v, k) => v !== x[k]))) return undefined;
  return x.map((v, k) => {
    const ys = curves.map((c) => c.y[k]).sort((a, b) => a - b);
    return { x: v, min: ys[0], q25: quantile(ys, 0.25)!, median: quantile(ys, 0.5)!, q75: quantile(ys, 0.75)!, max: ys[ys.length - 1] };
  });
}

export function points(curves: readonly Curve[]): CurvePoint[] {
  return curves.flatMap((c) => c.x.map((x, k) => ({ model: c.model, x, y: c.y[k] })));
}

/** The curves as lines (and dots at categorical levels), coloured by model, tagged with the feature. */
export function curveMarks(curves: readonly Curve[], feature: string, band: BandPoint[] | undefined): Plot.Markish[] {
  const data = points(curves);
  const categorical = isCategorical(curves);
  const tip = { format: { y: fmt, x: (v: unknown) => (typeof v === "number" ? fmt(v) : String(v)) } };
  const tag = tagged((i) => ({ "data-feature": feature, "data-model": data[i].model }));
  if (band) {
    return [
      Plot.areaY(band, { x: "x", y1: "min", y2: "max", fill: NEUTRAL, fillOpacity: 0.15, }),
      Plot.areaY(band, { x: "x", y1: "q25", y2: "q75", fill: NEUTRAL, fillOpacity: 0.3 }),
      Plot.lineY(data, { x: "x", y: "y", z: "model", stroke: "model", strokeWidth: 0.9, strokeOpacity: 0.8, title: "model", render: tag }),
      Plot.lineY(band, { x: "x", y: "median", stroke: "#222", strokeWidth: 2, strokeDasharray: "4 3" }),
      Plot.tip(data, Plot.pointer({ x: "x", y: "y", stroke: "model", title: (d: CurvePoint) => `${d.model}\n${typeof d.x === "number" ? fmt(d.x) : d.x}: ${fmt(d.y)}` })),
    ];
  }
  const marks: Plot.Markish[] = [
    Plot.lineY(data, { x: "x", y: "y", z: "model", stroke: "model", strokeWidth: 2.2, render: tag }),
    Plot.tip(data, Plot.pointer({ x: "x", y: "y", stroke: "model", channels: { model: "model" }, ...tip })),
  ];
  if (categorical) marks.splice(1, 0, Plot.dot(data, { x: "x", y: "y", fill: "model", r: 3.5, render: tag }));
  return marks;
}

/**
 * Ticks along the bottom at the feature's data values (a rug), at most `max` of them, taken
 * evenly through the values so the density still reads.
 */
export function rugMark(values: ArrayLike<unknown> | undefined, innerHeight: number, max = 1000): Plot.Markish {
  if (!values) return null;
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === "number" && Number.isFinite(v)) finite.push(v);
  }
  if (finite.length === 0) return null;
  const step = Math.max(1, finite.length / max);
  const shown: number[] = [];
  for (let i = 0; i < finite.length; i += step) shown.push(finite[Math.floor(i)]);
  return Plot.tickX(shown, { x: (d: number) => d, stroke: "#333", strokeOpacity: 0.35, insetTop: Math.max(0, innerHeight - 8) });
}
