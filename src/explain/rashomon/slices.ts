// Finding slices of the data where a per-row quantity (a spread between models, an error, a
// difference) is highest: a small exhaustive search over conditions built from quantile cut points
// of numeric features and the levels of categorical ones, alone and in pairs, ranked by the mean
// of the quantity inside the slice, among slices with at least `minSupport` rows.
import type { Batch } from "../../model/types";
import { isNumeric } from "../batch";
import { checkFeature, ExplainError } from "../errors";
import { levelsByFrequency, quantile, sortedFinite } from "../grid";
import { conditionMask, sliceText, type Condition } from "./conditions";

export interface SliceSearchOptions {
  /** features to cut on (default: every column of the data except `exclude`) */
  features?: readonly string[];
  /** columns never cut on (e.g. the target) */
  exclude?: readonly string[];
  /** quantiles whose values cut numeric features (default 0.1, 0.25, 0.5, 0.75, 0.9) */
  quantiles?: readonly number[];
  /** categorical features with more levels than this give only their most frequent ones (default 20) */
  maxLevels?: number;
  /** smallest slice, in rows, or as a share of the data when < 1 (default 0.05) */
  minSupport?: number;
  /** 1: single conditions; 2 (default): also pairs on two different features */
  depth?: 1 | 2;
  /** how many slices to return (default 10) */
  top?: number;
}

export interface Slice {
  conditions: Condition[];
  text: string;
  /** rows in the slice */
  support: number;
  /** mean of the quantity in the slice, its standard error and a 95% normal interval */
  mean: number;
  se: number;
  lower: number;
  upper: number;
  /** mean over all rows, for comparison */
  overall: number;
}

/** Candidate conditions: `x <= q` and `x > q` at each distinct quantile cut; `g = level` for each level. */
export function candidateConditions(data: Batch, features: readonly string[], options: SliceSearchOptions = {}): Condition[] {
  const qs = options.quantiles ?? [0.1, 0.25, 0.5, 0.75, 0.9];
  const out: Condition[] = [];
  for (const f of features) {
    checkFeature(data, f);
    const col = data.columns[f];
    if (isNumeric(col)) {
      const sorted = sortedFinite(col);
      if (sorted.length === 0) continue;
      const cuts = [...new Set(qs.map((q) => quantile(sorted, q)))].filter((c) => c >= sorted[0] && c < sorted[sorted.length - 1]);
      for (const c of cuts) out.push({ feature: f, op: "<=", value: c }, { feature: f, op: ">", value: c });
    } else {
      const { levels } = levelsByFrequency(col);
      for (const l of levels.slice(0, options.maxLevels ?? 20)) out.push({ feature: f, op: "=", value: l });
    }
  }
  return out;
}

export function searchSlices(data: Batch, quantity: ArrayLike<number>, options: SliceSearchOptions = {}): Slice[] {
  if (quantity.length !== data.n) throw new ExplainError(`the per-row quantity has ${quantity.length} values for ${data.n} rows`);
  const exclude = new Set(options.exclude ?? []);
  const features = options.features ?? Object.keys(data.columns).filter((f) => !exclude.has(f));
  const ms = options.minSupport ?? 0.05;
  const minSupport = Math.max(1, ms < 1 ? Math.ceil(ms * data.n) : ms);
  const conditions = candidateConditions(data, features, options);
  const masks = conditions.map((c) => conditionMask(data, c));
  let total = 0;
  for (let i = 0; i < data.n; i++) total += quantity[i];
  const overall = total / data.n;
  const found: Slice[] = [];
  const consider = (idx: number[]) => {
    // hot loop: one pass over the rows per candidate, no row objects
    let n = 0, s = 0, s2 = 0;
    for (let i = 0; i < data.n; i++) {
      let inside = 1;
      for (const j of idx) inside &= masks[j][i];
      if (inside) { const v = quantity[i]; n++; s += v; s2 += v * v; }
    }
    if (n < minSupport || n === data.n) return;
    const m = s / n, variance = n > 1 ? Math.max(0, (s2 - n * m * m) / (n - 1)) : 0, se = Math.sqrt(variance / n);
    const cs = idx.map((j) => conditions[j]);
    found.push({ conditions: cs, text: sliceText(cs), support: n, mean: m, se, lower: m - 1.96 * se, upper: m + 1.96 * se, overall });
  };
  for (let a = 0; a < conditions.length; a++) {
    consider([a]);
    if ((options.depth ?? 2) === 2) {
      for (let b = a + 1; b < conditions.length; b++) if (conditions[b].feature !== conditions[a].feature) consider([a, b]);
    }
  }
  found.sort((x, y) => y.mean - x.mean || x.conditions.length - y.conditions.length || y.support - x.support);
  return found.slice(0, options.top ?? 10);
}
