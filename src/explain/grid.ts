// Grids of feature values for effect curves: quantiles or uniform for numbers, levels by frequency
// for categories, or an explicit list; flags values outside the observed range (extrapolation).
import type { Column } from "../model/types";
import { isNumeric } from "./batch";
import { ExplainError } from "./errors";

export interface GridOptions {
  /** "quantile" (default): points at evenly spaced quantiles; "uniform": evenly spaced between min and max */
  method?: "quantile" | "uniform";
  /** number of points for a numeric feature (default 51); fewer when the feature has fewer distinct values */
  size?: number;
  /** explicit grid values, used as given (order kept) */
  values?: readonly (number | string)[];
}

export interface Grid {
  kind: "numeric" | "categorical";
  values: (number | string)[];
  method: "quantile" | "uniform" | "levels" | "explicit";
  /** true when some grid value lies outside the observed range (numeric) or is not an observed level */
  extrapolated: boolean;
}

/** Finite values of a numeric column, sorted ascending. */
export function sortedFinite(col: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < col.length; i++) if (Number.isFinite(col[i])) out.push(col[i]);
  return Float64Array.from(out).sort();
}

/** The p-quantile of sorted values, linear interpolation between order statistics (R type 7, numpy default). */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h), hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Levels of a categorical column, most frequent first (ties by name); missing values left out. */
export function levelsByFrequency(col: ArrayLike<unknown>): { levels: string[]; counts: number[] } {
  const counts = new Map<string, number>();
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) continue;
    const key = String(v);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const levels = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  return { levels, counts: levels.map((l) => counts.get(l)!) };
}

function distinctSorted(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) out.push(values[i]);
  return out;
}

/** The grid for one feature column. */
export function featureGrid(feature: string, col: Column, options: GridOptions = {}): Grid {
  const numeric = isNumeric(col);
  if (options.values) {
    if (options.values.length === 0) throw new ExplainError(`the explicit grid for \`${feature}\` is empty`);
    if (numeric) {
      const bad = options.values.find((v) => typeof v !== "number" || !Number.isFinite(v));
      if (bad !== undefined) throw new ExplainError(`feature \`${feature}\` is numeric; its grid holds ${JSON.stringify(bad)}`);
      const sorted = sortedFinite(col);
      const lo = sorted[0], hi = sorted[sorted.length - 1];
      const extrapolated = sorted.length === 0 || options.values.some((v) => (v as number) < lo || (v as number) > hi);
      return { kind: "numeric", values: [...options.values], method: "explicit", extrapolated };
    }
    const { levels } = levelsByFrequency(col);
    const seen = new Set(levels);
    return { kind: "categorical", values: options.values.map(String), method: "explicit", extrapolated: options.values.some((v) => !seen.has(String(v))) };
  }
  if (!numeric) {
    const { levels } = levelsByFrequency(col);
    if (levels.length === 0) throw new ExplainError(`feature \`${feature}\` has only missing values`);
    return { kind: "categorical", values: levels, method: "levels", extrapolated: false };
  }
  const sorted = sortedFinite(col);
  if (sorted.length === 0) throw new ExplainError(`feature \`${feature}\` has only missing values`);
  const size = options.size ?? 51;
  if (!(size >= 1)) throw new ExplainError(`grid size for \`${feature}\` must be at least 1 (got ${size})`);
  const method = options.method ?? "quantile";
  const distinct = distinctSorted(sorted);
  // few distinct values (or a constant feature): the values themselves are the grid
  if (distinct.length <= size) return { kind: "numeric", values: distinct, method, extrapolated: false };
  const lo = sorted[0], hi = sorted[sorted.length - 1];
  // quantiles of a feature that only holds whole numbers are whole numbers: the data never hold
  // 2.5 children, and a model with an integer (int64) input cannot be fed them
  const whole = method === "quantile" && sorted.every(Number.isInteger);
  const raw = Array.from({ length: size }, (_, k) => {
    const t = size === 1 ? 0.5 : k / (size - 1);
    const v = method === "uniform" ? lo + t * (hi - lo) : quantile(sorted, t);
    return whole ? Math.round(v) : v;
  });
  return { kind: "numeric", values: distinctSorted(raw), method, extrapolated: false };
}
