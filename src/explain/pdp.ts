// Partial dependence: the mean ICE curve over all rows. `effects` returns PD and ICE from one
// shared batch; `pdp` returns PD alone.
import type { Batch, Predictor } from "../model/types";
import type { Explanation } from "./types";
import { curvesAt, effectMatrix, meanCurve, meanCurveSe } from "./effects";
import { ExplainError } from "./errors";
import { checkEffectInput, checkRows, centerCurves, effectGrid, type EffectOptions, type IceValues } from "./ice";
import { finish, now, perModel } from "./models";

export interface PdpValues {
  /** the feature values PD is evaluated at */
  grid: (number | string)[];
  /** mean score over all rows with the feature set to each grid value */
  average: number[];
}

export interface Effects {
  pdp: Explanation<PdpValues>;
  ice: Explanation<IceValues>;
}

export function effects(models: Predictor, data: Batch, feature: string, options?: EffectOptions): Promise<Effects>;
export function effects(models: readonly Predictor[], data: Batch, feature: string, options?: EffectOptions): Promise<Effects[]>;
/** PD over all rows and ICE for `options.rows` (default all), from one batch and one predict call per model. */
export function effects(models: Predictor | readonly Predictor[], data: Batch, feature: string, options: EffectOptions = {}): Promise<any> {
  return perModel(models, options, async (model, run): Promise<Effects> => {
    const started = now();
    checkEffectInput(model, data, feature);
    const grid = effectGrid(data, feature, options.grid);
    const rows = checkRows(data, options.rows);
    const all = Array.from({ length: data.n }, (_, i) => i);
    // one matrix over every row: PD is its mean, ICE its chosen rows
    const matrix = await effectMatrix(model, data, feature, grid, all, run);
    const { evaluations, engine } = matrix;
    const chosen = curvesAt(matrix, rows);
    const centered = options.centered ?? false;
    const params = { grid: grid.method, gridSize: grid.values.length, kind: grid.kind, extrapolated: grid.extrapolated, engine };
    run.onProgress?.(1);
    const { population } = options;
    if (population !== undefined && !(Number.isInteger(population) && population >= data.n)) {
      throw new ExplainError(`population must be a whole number ≥ the ${data.n} rows of the sample; got ${population}`);
    }
    // a sample of a larger table: the PD's Monte-Carlo standard error relative to the whole table
    const sampled = population !== undefined ? { se: meanCurveSe(matrix, population), sample: { rows: data.n, of: population } } : undefined;
    const pdp = finish<PdpValues>(
      {
        kind: "pdp", model: model.name, feature, params: { ...params, rows: data.n, ...(sampled ? { sample: sampled.sample } : {}) },
        values: { grid: grid.values, average: meanCurve(matrix) }, evaluations,
        ...(sampled ? { se: sampled.se } : {}),
      },
      started,
    );
    const ice = finish<IceValues>(
      {
        kind: "ice", model: model.name, feature, params: { ...params, centered, rows: options.rows ? rows : "all", sharedBatchWith: "pdp" },
        values: { grid: grid.values, rows, curves: centered ? centerCurves(chosen) : chosen, centered },
        // the shared batch is counted once, on the PD result
        evaluations: 0,
      },
      started,
    );
    return { pdp, ice };
  });
}

export function pdp(models: Predictor, data: Batch, feature: string, options?: EffectOptions): Promise<Explanation<PdpValues>>;
export function pdp(models: readonly Predictor[], data: Batch, feature: string, options?: EffectOptions): Promise<Explanation<PdpValues>[]>;
/** Partial dependence of each model's score on `feature`. */
export async function pdp(models: Predictor | readonly Predictor[], data: Batch, feature: string, options: EffectOptions = {}): Promise<any> {
  const out = await effects(models as Predictor, data, feature, { ...options, rows: [] });
  return Array.isArray(out) ? (out as Effects[]).map((e) => e.pdp) : out.pdp;
}
