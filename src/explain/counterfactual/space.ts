// The space a counterfactual moves in: which features may change and to what, how far a change is
// (numeric steps scaled by the feature's spread, a changed category counts 1, as DiCE and the
// What-If Tool do), and whether a point is plausible (inside the data's range, near observed rows).
import type { Batch, Column } from "../../model/types";
import { isNumeric } from "../batch";
import { ExplainError } from "../errors";
import { rng, sampleIndices } from "../random";

export type Value = number | string | null;
export type Direction = "increase" | "decrease";

/** What the user allows: nothing here is ever violated by a returned counterfactual. */
export interface Constraints {
  /** features that must keep the observation's value */
  fixed?: readonly string[];
  /** allowed [min, max] of numeric features (inclusive) */
  ranges?: Readonly<Record<string, readonly [number, number]>>;
  /** allowed direction of change of numeric features */
  directions?: Readonly<Record<string, Direction>>;
  /** stay within the data's observed range and levels (default true) */
  withinData?: boolean;
}

export interface FeatureSpace {
  features: string[];
  numeric: boolean[];
  /** spread used to scale a numeric step: median absolute deviation, else the standard deviation, else 1 */
  scale: number[];
  /** observed min/max (numeric) */
  min: number[];
  max: number[];
  /** observed levels by frequency (categorical) */
  levels: string[][];
}

function median(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  return n === 0 ? NaN : n % 2 ? sorted[(n - 1) >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** Spreads, ranges and levels of `features` in `data`. */
export function featureSpace(data: Batch, features: readonly string[]): FeatureSpace {
  const space: FeatureSpace = { features: [...features], numeric: [], scale: [], min: [], max: [], levels: [] };
  for (const f of features) {
    const col: Column | undefined = data.columns[f];
    if (col === undefined) throw new ExplainError(`unknown feature \`${f}\`; the data has: ${Object.keys(data.columns).join(", ")}`);
    if (isNumeric(col)) {
      const xs = Float64Array.from(col).filter((v) => !Number.isNaN(v)).sort();
      const m = median(xs);
      const mad = median(Float64Array.from(xs, (v) => Math.abs(v - m)).sort());
      let mean = 0;
      for (const v of xs) mean += v;
      mean /= xs.length || 1;
      let sd = 0;
      for (const v of xs) sd += (v - mean) ** 2;
      sd = Math.sqrt(sd / Math.max(1, xs.length - 1));
      space.numeric.push(true);
      space.scale.push(mad > 0 ? mad : sd > 0 ? sd : 1);
      space.min.push(xs.length ? xs[0] : NaN);
      space.max.push(xs.length ? xs[xs.length - 1] : NaN);
      space.levels.push([]);
    } else {
      const counts = new Map<string, number>();
      for (let i = 0; i < data.n; i++) {
        const v = col[i];
        if (v !== null && v !== undefined) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
      }
      space.numeric.push(false);
      space.scale.push(1);
      space.min.push(NaN);
      space.max.push(NaN);
      space.levels.push([...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k));
    }
  }
  return space;
}

/** Scaled L1 distance between two points given as value arrays in `space.features` order. */
export function distance(space: FeatureSpace, a: readonly Value[], b: readonly Value[]): number {
  let d = 0;
  for (let j = 0; j < a.length; j++) {
    if (space.numeric[j]) {
      const x = a[j] as number, y = b[j] as number;
      if (Number.isNaN(x) !== Number.isNaN(y)) d += 1;
      else if (!Number.isNaN(x)) d += Math.abs(x - y) / space.scale[j];
    } else if (String(a[j]) !== String(b[j])) d += 1;
  }
  return d;
}

/** Whether moving feature j from `from` to `to` is allowed by the constraints. */
export function allowed(space: FeatureSpace, constraints: Constraints, j: number, from: Value, to: Value): boolean {
  const f = space.features[j];
  if (constraints.fixed?.includes(f)) return String(from) === String(to);
  if (!space.numeric[j]) return constraints.withinData === false || space.levels[j].includes(String(to));
  const x = to as number;
  if (Number.isNaN(x)) return Number.isNaN(from as number);
  const range = constraints.ranges?.[f];
  if (range && (x < range[0] || x > range[1])) return false;
  if (constraints.withinData !== false && (x < space.min[j] || x > space.max[j])) return false;
  const dir = constraints.directions?.[f];
  if (dir === "increase" && x < (from as number)) return false;
  if (dir === "decrease" && x > (from as number)) return false;
  return true;
}

/** Checks the constraints name features of the space and are well formed. */
export function checkConstraints(space: FeatureSpace, constraints: Constraints): void {
  const known = new Set(space.features);
  const unknown = (f: string) => new ExplainError(`constraint on unknown feature \`${f}\`; the model reads: ${space.features.join(", ")}`);
  for (const f of constraints.fixed ?? []) if (!known.has(f)) throw unknown(f);
  for (const [f, r] of Object.entries(constraints.ranges ?? {})) {
    if (!known.has(f)) throw unknown(f);
    if (!space.numeric[space.features.indexOf(f)]) throw new ExplainError(`a range needs a numeric feature; \`${f}\` is categorical`);
    if (!(r.length === 2 && r[0] <= r[1])) throw new ExplainError(`the range of \`${f}\` must be [min, max] with min ≤ max`);
  }
  for (const [f, d] of Object.entries(constraints.directions ?? {})) {
    if (!known.has(f)) throw unknown(f);
    if (d !== "increase" && d !== "decrease") throw new ExplainError(`the direction of \`${f}\` must be 'increase' or 'decrease' (got ${d})`);
  }
}

/** The rows of `data` as value arrays in `features` order. */
export function rowsOf(data: Batch, features: readonly string[], rows?: ArrayLike<number>): Value[][] {
  const n = rows ? rows.length : data.n;
  const out: Value[][] = [];
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k] : k;
    out.push(features.map((f) => {
      const v = data.columns[f][i];
      return v === undefined ? null : (v as Value);
    }));
  }
  return out;
}

/** Plausibility of a point: inside the observed range, and its distance to the nearest observed row. */
export interface Plausibility {
  withinRange: boolean;
  /** index of the nearest row of the data (from 0) */
  nearestRow: number;
  nearestDistance: number;
  /** median nearest-neighbour distance between rows of the data (a sample of up to 200): what "near" means here */
  typicalDistance: number;
  /** nearestDistance ≤ 2 × typicalDistance */
  nearData: boolean;
}

export interface PlausibilityReference { rows: Value[][]; typical: number }

export function plausibilityReference(space: FeatureSpace, data: Batch, seed = 0): PlausibilityReference {
  const rows = rowsOf(data, space.features);
  const sample = sampleIndices(rows.length, 200, rng(seed));
  const nearest: number[] = [];
  for (const i of sample) {
    let best = Infinity;
    for (let k = 0; k < rows.length; k++) if (k !== i) best = Math.min(best, distance(space, rows[i], rows[k]));
    if (Number.isFinite(best)) nearest.push(best);
  }
  nearest.sort((a, b) => a - b);
  return { rows, typical: median(nearest) };
}

export function plausibility(space: FeatureSpace, ref: PlausibilityReference, point: readonly Value[]): Plausibility {
  let nearestRow = -1, nearestDistance = Infinity;
  for (let k = 0; k < ref.rows.length; k++) {
    const d = distance(space, point, ref.rows[k]);
    if (d < nearestDistance) { nearestDistance = d; nearestRow = k; }
  }
  const withinRange = point.every((v, j) => space.numeric[j]
    ? Number.isNaN(v as number) || ((v as number) >= space.min[j] && (v as number) <= space.max[j])
    : space.levels[j].includes(String(v)));
  return { withinRange, nearestRow, nearestDistance, typicalDistance: ref.typical, nearData: nearestDistance <= 2 * ref.typical };
}

/** A batch of points (value arrays) with numeric columns typed like the data's. */
export function pointsBatch(space: FeatureSpace, points: readonly (readonly Value[])[]): Batch {
  const columns: Record<string, Batch["columns"][string]> = Object.create(null);
  space.features.forEach((f, j) => {
    columns[f] = space.numeric[j] ? Float64Array.from(points, (p) => p[j] as number) : points.map((p) => p[j]);
  });
  return { n: points.length, columns };
}
