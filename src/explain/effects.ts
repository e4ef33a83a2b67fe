// The one place an effect matrix is computed — the score of each row with one feature set to each
// grid value — by walking the model's trees when it has a checked tree engine, by one batched
// model call otherwise. PD, ICE and the Rashomon set's effect bands all read it, so the fast path
// never forks the logic of what they compute.
import type { Batch, Column, Predictor } from "../model/types";
import { isNumeric, takeRows, tile, withColumns } from "./batch";
import { treeEffectMatrix } from "./effects-trees";
import type { Grid } from "./grid";
import { modelColumns, predictChecked, type RunOptions } from "./models";
import { engineName, engineOf, type EngineName } from "./trees";

export interface EffectMatrix {
  /** scores[r·G + k]: score of row rows[r] with the feature at grid[k] (G = grid size) */
  scores: Float64Array;
  /** rows and grid points */
  n: number;
  G: number;
  /** model evaluations this stands for (rows × grid), however computed */
  evaluations: number;
  /** what computed it */
  engine: EngineName;
}

/** A column of length n·grid.length holding grid value k at positions k·n … k·n + n − 1. */
function gridColumn(like: Column, grid: Grid, n: number): Column {
  const total = n * grid.values.length;
  if (isNumeric(like)) {
    const out = like instanceof Float32Array ? new Float32Array(total) : new Float64Array(total);
    grid.values.forEach((v, k) => out.fill(v as number, k * n, (k + 1) * n));
    return out;
  }
  const out: (string | number)[] = new Array(total);
  grid.values.forEach((v, k) => out.fill(v, k * n, (k + 1) * n));
  return out;
}

/** The effect matrix by one model call: the rows × grid batch built column-wise and predicted at once. */
async function calledEffectMatrix(model: Predictor, data: Batch, base: Batch, feature: string, grid: Grid, run: RunOptions): Promise<Float64Array> {
  const n = base.n, G = grid.values.length;
  const tiled = tile(base, G);
  const batch = model.features.includes(feature)
    ? withColumns(tiled, { [feature]: gridColumn(data.columns[feature], grid, n) })
    : tiled; // a feature the model ignores: curves are flat, computed honestly anyway
  const scores = await predictChecked(model, batch, run);
  // from grid-major (k·n + r) to row-major (r·G + k)
  const out = new Float64Array(n * G);
  for (let k = 0; k < G; k++) for (let r = 0; r < n; r++) out[r * G + k] = scores[k * n + r];
  return out;
}

/**
 * The effect matrix of `feature` over `grid` for the data rows `rows` (all rows when it holds
 * every index in order), by the trees when the model has a checked engine and reads the feature.
 */
export async function effectMatrix(
  model: Predictor, data: Batch, feature: string, grid: Grid, rows: readonly number[], run: RunOptions,
): Promise<EffectMatrix> {
  const all = rows.length === data.n && rows.every((r, i) => r === i);
  const base = all ? modelColumns(model, data) : takeRows(modelColumns(model, data), rows);
  const n = base.n, G = grid.values.length;
  const engine = await engineOf(model);
  const byTrees = engine && engine.index.has(feature) && n > 0;
  const flat = byTrees
    ? await treeEffectMatrix(engine, base, feature, grid, run)
    : await calledEffectMatrix(model, data, base, feature, grid, run);
  if (byTrees) {
    for (let i = 0; i < flat.length; i++) {
      if (!Number.isFinite(flat[i])) throw new Error(`model \`${model.name}\`'s trees gave ${flat[i]} for row ${rows[Math.floor(i / G)]}`);
    }
  }
  return { scores: flat, n, G, evaluations: n * G, engine: engineName(model, byTrees ? engine : undefined) };
}

/** The curves (as plain arrays) of the matrix rows at `at` (positions into the matrix's rows). */
export function curvesAt(m: EffectMatrix, at: readonly number[]): number[][] {
  // an index loop: Array.from over a typed array goes through the iterator protocol
  const { scores, G } = m;
  return at.map((r) => {
    const curve = new Array<number>(G);
    for (let k = 0; k < G; k++) curve[k] = scores[r * G + k];
    return curve;
  });
}

/** Every curve of the matrix. */
export function allCurves(m: EffectMatrix): number[][] {
  return curvesAt(m, Array.from({ length: m.n }, (_, r) => r));
}

/** The mean curve over the matrix rows (partial dependence). */
export function meanCurve(m: EffectMatrix): number[] {
  const avg = new Float64Array(m.G);
  for (let r = 0; r < m.n; r++) for (let k = 0; k < m.G; k++) avg[k] += m.scores[r * m.G + k];
  return Array.from(avg, (s) => s / m.n);
}

/**
 * Standard error of the mean curve as an estimate of the mean over a table of `population` rows
 * the matrix rows were sampled from without replacement: √((1 − n/N) · s²/n) at each grid point.
 */
export function meanCurveSe(m: EffectMatrix, population: number): number[] {
  const mean = meanCurve(m), n = m.n;
  const fpc = Math.max(0, 1 - n / population);
  return mean.map((mu, k) => {
    if (n < 2) return NaN;
    let ss = 0;
    for (let r = 0; r < n; r++) ss += (m.scores[r * m.G + k] - mu) ** 2;
    return Math.sqrt((fpc * ss) / (n - 1) / n);
  });
}
