// The two inputs every local explanation (SHAP, break-down) shares: the observation to explain
// (a row of the data, or an edited what-if record) and the background sample that stands for
// "feature unknown".
import type { Batch } from "../model/types";
import { takeRows } from "./batch";
import { checkNotEmpty, ExplainError } from "./errors";
import { rng, sampleIndices } from "./random";

/** Default background size when none is given: rows sampled (seeded) from the data. */
export const DEFAULT_BACKGROUND = 100;

export interface ObservationOptions {
  /** explain this row of the data … */
  row?: number;
  /** … or this record (an edited, what-if observation); one of the two is required */
  observation?: Readonly<Record<string, unknown>>;
}

export interface ResolvedObservation {
  /** feature → value */
  record: Readonly<Record<string, unknown>>;
  /** what goes into `Explanation.observation`: the row index, or the record itself */
  label: number | Record<string, unknown>;
}

export function resolveObservation(data: Batch, options: ObservationOptions): ResolvedObservation {
  const { row, observation } = options;
  if (observation !== undefined) {
    if (row !== undefined) throw new ExplainError("give either `row` or `observation`, not both");
    return { record: observation, label: { ...observation } };
  }
  if (row === undefined) throw new ExplainError("say which observation to explain: `row` (an index into the data) or `observation` (a record)");
  if (!(Number.isInteger(row) && row >= 0 && row < data.n)) {
    throw new ExplainError(`row ${row} is outside the data (rows 0…${data.n - 1})`);
  }
  const record: Record<string, unknown> = Object.create(null);
  for (const [name, col] of Object.entries(data.columns)) record[name] = col[row];
  return { record, label: row };
}

/** The background: the given batch, or `n` rows (default 100, all when fewer) sampled from the data with `seed`. */
export function resolveBackground(data: Batch, background: Batch | number | undefined, seed: number): Batch {
  if (background !== undefined && typeof background !== "number") {
    checkNotEmpty(background, "background");
    return background;
  }
  const n = background ?? DEFAULT_BACKGROUND;
  if (!(Number.isInteger(n) && n >= 1)) throw new ExplainError(`background must be a batch or a whole number of rows ≥ 1; got ${n}`);
  checkNotEmpty(data);
  if (n >= data.n) return data;
  return takeRows(data, sampleIndices(data.n, n, rng(seed)));
}

/** The observation's values for `features` (NaN shown as null), for labelling results. */
export function featureValues(record: Readonly<Record<string, unknown>>, features: readonly string[]): (number | string | null)[] {
  return features.map((f) => {
    const v = record[f];
    if (v === undefined || v === null || (typeof v === "number" && Number.isNaN(v))) return null;
    if (typeof v === "boolean") return String(v);
    return v as number | string;
  });
}
