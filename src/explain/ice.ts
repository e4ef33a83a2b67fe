// Individual conditional expectation: for each row and grid value, the model's score with the
// feature set to that value. One batch of rows × grid, one predict call; pdp.ts averages it.
import type { Batch, Predictor } from "../model/types";
import type { Explanation } from "./types";
import { checkFeature, checkModelInputs, checkNotEmpty, ExplainError } from "./errors";
import { featureGrid, type Grid, type GridOptions } from "./grid";
import { allCurves, effectMatrix, type EffectMatrix } from "./effects";
import { finish, now, perModel, type RunOptions } from "./models";

export interface IceValues {
  /** the feature values the curves are evaluated at */
  grid: (number | string)[];
  /** row index (into the data) of each curve */
  rows: number[];
  /** one curve per row, aligned with `grid` */
  curves: number[][];
  /** true when each curve had its value at the first grid point subtracted */
  centered: boolean;
}

export interface EffectOptions extends RunOptions {
  /** grid options, or the explicit grid values */
  grid?: GridOptions | readonly (number | string)[];
  /** rows whose ICE curves to return (default: all rows); PD always averages over all rows */
  rows?: readonly number[];
  /** subtract each ICE curve's value at the first grid point (default false) */
  centered?: boolean;
  /**
   * rows of the whole table `data` is a simple random sample of (without replacement); the PD then
   * carries its Monte-Carlo standard error relative to that table (`se`, one per grid point)
   */
  population?: number;
}

/** ICE curves as they finish: one call per block of rows, in row order, before the result resolves. */
export interface IceStreamOptions extends EffectOptions {
  onCurves?: (block: { model: string; rows: number[]; curves: number[][] }) => void;
  /** rows per streamed block (default 200) */
  blockRows?: number;
}

/** The grid an effect explanation uses for `feature`. */
export function effectGrid(data: Batch, feature: string, grid: EffectOptions["grid"]): Grid {
  const options: GridOptions = Array.isArray(grid) ? { values: grid as (number | string)[] } : ((grid ?? {}) as GridOptions);
  return featureGrid(feature, data.columns[feature], options);
}

/** Checks the `rows` option against the data. */
export function checkRows(data: Batch, rows: readonly number[] | undefined): number[] {
  if (rows === undefined) return Array.from({ length: data.n }, (_, i) => i);
  const bad = rows.filter((r) => !Number.isInteger(r) || r < 0 || r >= data.n);
  if (bad.length > 0) throw new ExplainError(`rows ${bad.slice(0, 5).join(", ")} are not row indices of the data (0 … ${data.n - 1})`);
  return [...rows];
}

/**
 * The raw ICE matrix: curves[r][k] = score of row rows[r] with `feature` = grid[k] (effects.ts
 * computes it, by the trees or by one model call).
 */
export async function iceMatrix(
  model: Predictor, data: Batch, feature: string, grid: Grid, rows: number[], run: RunOptions,
): Promise<{ curves: number[][]; evaluations: number; engine: EffectMatrix["engine"] }> {
  const m = await effectMatrix(model, data, feature, grid, rows, run);
  return { curves: allCurves(m), evaluations: m.evaluations, engine: m.engine };
}

export function centerCurves(curves: number[][]): number[][] {
  return curves.map((c) => c.map((v) => v - c[0]));
}

/** Checks common to ICE, PD and ALE. */
export function checkEffectInput(model: Predictor, data: Batch, feature: string): void {
  checkNotEmpty(data);
  checkFeature(data, feature);
  checkModelInputs(model, data);
}

/** The ICE matrix computed block by block of rows, each block handed to `onBlock` as it finishes. */
async function streamedIceMatrix(
  model: Predictor, data: Batch, feature: string, grid: Grid, rows: number[], run: RunOptions,
  blockRows: number, onBlock: (rows: number[], curves: number[][]) => void,
): Promise<{ curves: number[][]; evaluations: number; engine: EffectMatrix["engine"] }> {
  const curves: number[][] = [];
  let evaluations = 0, engine: EffectMatrix["engine"] = "model";
  for (let start = 0; start < rows.length; start += blockRows) {
    const block = rows.slice(start, start + blockRows);
    const share = (f: number) => run.onProgress?.((start + f * block.length) / rows.length);
    const part = await iceMatrix(model, data, feature, grid, block, { signal: run.signal, onProgress: share });
    curves.push(...part.curves);
    evaluations += part.evaluations;
    engine = part.engine;
    onBlock(block, part.curves);
  }
  return { curves, evaluations, engine };
}

export function ice(models: Predictor, data: Batch, feature: string, options?: IceStreamOptions): Promise<Explanation<IceValues>>;
export function ice(models: readonly Predictor[], data: Batch, feature: string, options?: IceStreamOptions): Promise<Explanation<IceValues>[]>;
/** ICE curves of `feature` for the chosen rows (all by default); `onCurves` streams them by blocks of rows. */
export function ice(models: Predictor | readonly Predictor[], data: Batch, feature: string, options: IceStreamOptions = {}): Promise<any> {
  const blockRows = options.blockRows ?? 200;
  if (options.onCurves && !(Number.isInteger(blockRows) && blockRows >= 1)) {
    return Promise.reject(new ExplainError(`blockRows must be a whole number ≥ 1; got ${options.blockRows}`));
  }
  return perModel(models, options, async (model, run) => {
    const started = now();
    checkEffectInput(model, data, feature);
    const grid = effectGrid(data, feature, options.grid);
    const rows = checkRows(data, options.rows);
    const centered = options.centered ?? false;
    const { onCurves } = options;
    const { curves, evaluations, engine } = onCurves
      ? await streamedIceMatrix(model, data, feature, grid, rows, run, blockRows, (block, part) =>
        onCurves({ model: model.name, rows: block, curves: centered ? centerCurves(part) : part }))
      : await iceMatrix(model, data, feature, grid, rows, run);
    run.onProgress?.(1);
    return finish<IceValues>(
      {
        kind: "ice", model: model.name, feature,
        params: { grid: grid.method, gridSize: grid.values.length, kind: grid.kind, extrapolated: grid.extrapolated, centered, rows: options.rows ? rows : "all", engine },
        values: { grid: grid.values, rows, curves: centered ? centerCurves(curves) : curves, centered },
        evaluations,
      },
      started,
    );
  });
}
