// Closed-form test models: a plain function of one row turned into a real `Predictor`, so explainers
// can be checked against exact math. Shared by both explain engineers (append, don't rewrite).
import type { Batch, PredictOptions, Predictor } from "../../src/model/types";

export type Row = Record<string, number | string>;

export interface ClosedForm extends Predictor {
  /** rows evaluated so far, across all calls (to check batching and early abort) */
  evaluated: number;
  /** predict calls made so far */
  calls: number;
}

export interface ClosedFormOptions {
  task?: "regression" | "classification";
  positiveClass?: string | number;
  /** rows per chunk; progress is reported and abort checked between chunks */
  chunk?: number;
}

/** A Predictor computing `fn(row)` for each row, in chunks, honouring `signal` and `onProgress`. */
export function closedForm(
  name: string,
  features: readonly string[],
  fn: (row: Row) => number,
  options: ClosedFormOptions = {},
): ClosedForm {
  const chunk = options.chunk ?? 1000;
  const model: ClosedForm = {
    name,
    features,
    task: options.task ?? "regression",
    positiveClass: options.positiveClass,
    evaluated: 0,
    calls: 0,
    async predict(batch: Batch, opts: PredictOptions = {}): Promise<Float64Array> {
      model.calls++;
      const out = new Float64Array(batch.n);
      const row: Row = {};
      for (let start = 0; start < batch.n; start += chunk) {
        if (opts.signal?.aborted) throw new DOMException("aborted", "AbortError");
        const end = Math.min(batch.n, start + chunk);
        for (let i = start; i < end; i++) {
          for (const f of features) row[f] = batch.columns[f][i] as number | string;
          out[i] = fn(row);
        }
        model.evaluated += end - start;
        opts.onProgress?.(end / batch.n);
        // yield, so an abort raised elsewhere can land between chunks
        await new Promise((resolve) => setImmediate(resolve));
      }
      return out;
    },
  };
  return model;
}

/** A small numeric data set with a seeded generator (x1 uniform on [-1, 2], x2 uniform on [0, 3], …). */
export function uniformData(n: number, features: readonly string[], seed = 1): Batch {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const columns: Record<string, Float64Array> = {};
  features.forEach((f, j) => {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = -1 + j + 3 * random();
    columns[f] = col;
  });
  return { n, columns };
}
