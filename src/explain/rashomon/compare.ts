// Champion–challenger: two models side by side on the same rows — per-row prediction difference,
// the rows and slices where they differ most, and how their importance and partial dependence differ.
import type { Batch, Predictor } from "../../model/types";
import { ExplainError } from "../errors";
import { importance } from "../importance";
import type { RunOptions } from "../models";
import { pdp } from "../pdp";
import { cachedPredict } from "./predictions";
import { searchSlices, type Slice, type SliceSearchOptions } from "./slices";

export interface CompareOptions extends RunOptions, SliceSearchOptions {
  /** the outcome column: when given, importance (permutation, same permutations for both) is compared */
  target?: string;
  positiveClass?: string | number;
  loss?: string;
  repeats?: number;
  seed?: number;
  /** features whose PD curves to compare (default: the features both models read) */
  pdpFeatures?: readonly string[];
  /** PD grid size (default 20) */
  gridSize?: number;
  /** how many rows of largest difference to list (default 10) */
  topRows?: number;
}

export interface Comparison {
  models: [string, string];
  /** per row: challenger − champion (b − a) */
  difference: number[];
  meanAbsDifference: number;
  maxAbsDifference: number;
  topRows: { row: number; a: number; b: number; difference: number }[];
  /** slices of largest mean |difference| */
  slices: Slice[];
  importance?: { feature: string; a: number; b: number; difference: number }[];
  pdp: { feature: string; grid: (number | string)[]; a: number[]; b: number[]; maxAbsDifference: number }[];
}

export async function compareModels(a: Predictor, b: Predictor, data: Batch, options: CompareOptions = {}): Promise<Comparison> {
  if (a.name === b.name) throw new ExplainError(`both models are named \`${a.name}\`; give the challenger another name`);
  if (a.task !== b.task) throw new ExplainError(`\`${a.name}\` is ${a.task} and \`${b.name}\` is ${b.task}; only models of one task compare`);
  const run = { signal: options.signal };
  const [pa, pb] = [await cachedPredict(a, data, run), await cachedPredict(b, data, run)];
  const difference = Array.from(pb, (v, i) => v - pa[i]);
  const abs = difference.map(Math.abs);
  const order = Array.from({ length: data.n }, (_, i) => i).sort((x, y) => abs[y] - abs[x] || x - y);
  const shared = a.features.filter((f) => b.features.includes(f));
  const both = [...new Set([...a.features, ...b.features])];
  const slices = searchSlices(data, abs, { features: both, ...options });
  let imp: Comparison["importance"];
  if (options.target !== undefined) {
    const common = { target: options.target, positiveClass: options.positiveClass, loss: options.loss, repeats: options.repeats ?? 5, seed: options.seed ?? 0, signal: options.signal };
    const [ia, ib] = await Promise.all([importance(a, data, { ...common, features: a.features as string[] }), importance(b, data, { ...common, features: b.features as string[] })]);
    const get = (e: typeof ia, f: string) => e.values.features.find((x) => x.feature === f)?.dropout ?? 0;
    imp = both.map((f) => ({ feature: f, a: get(ia, f), b: get(ib, f), difference: get(ib, f) - get(ia, f) }))
      .sort((x, y) => Math.abs(y.difference) - Math.abs(x.difference));
  }
  const curves: Comparison["pdp"] = [];
  for (const f of options.pdpFeatures ?? shared) {
    const [ca, cb] = await pdp([a, b], data, f, { grid: { size: options.gridSize ?? 20 }, signal: options.signal });
    const d = ca.values.average.map((v, k) => Math.abs(cb.values.average[k] - v));
    curves.push({ feature: f, grid: ca.values.grid, a: ca.values.average, b: cb.values.average, maxAbsDifference: Math.max(...d) });
  }
  curves.sort((x, y) => y.maxAbsDifference - x.maxAbsDifference);
  options.onProgress?.(1);
  return {
    models: [a.name, b.name], difference,
    meanAbsDifference: abs.reduce((s, v) => s + v, 0) / data.n, maxAbsDifference: abs[order[0]],
    topRows: order.slice(0, options.topRows ?? 10).map((row) => ({ row, a: pa[row], b: pb[row], difference: difference[row] })),
    slices, ...(imp ? { importance: imp } : {}), pdp: curves,
  };
}
