// Building perturbed batches column-wise. These sit on the hot path of every explainer:
// they copy typed arrays and never build row objects.
import type { Batch, Column } from "../model/types";

/** A fresh column of length n of the same kind as `like` (typed for numbers, plain array otherwise). */
function allocLike(like: Column, n: number): Column {
  if (like instanceof Float64Array) return new Float64Array(n);
  if (like instanceof Float32Array) return new Float32Array(n);
  return new Array(n);
}

/** The rows at `rows` (in that order, repeats allowed). */
export function takeRows(batch: Batch, rows: ArrayLike<number>): Batch {
  const columns: Record<string, Column> = Object.create(null);
  for (const [name, col] of Object.entries(batch.columns)) {
    const out = allocLike(col, rows.length) as any;
    for (let i = 0; i < rows.length; i++) out[i] = col[rows[i]];
    columns[name] = out;
  }
  return { n: rows.length, columns };
}

/** The batch repeated `times` times, one copy after another: row r of copy k is at k·n + r. */
export function tile(batch: Batch, times: number): Batch {
  const n = batch.n;
  const columns: Record<string, Column> = Object.create(null);
  for (const [name, col] of Object.entries(batch.columns)) {
    const out = allocLike(col, n * times) as any;
    if (ArrayBuffer.isView(out)) for (let k = 0; k < times; k++) (out as Float64Array).set(col as Float64Array, k * n);
    else for (let k = 0; k < times; k++) for (let r = 0; r < n; r++) out[k * n + r] = col[r];
    columns[name] = out;
  }
  return { n: n * times, columns };
}

/** A shallow copy with some columns replaced (the others are shared, not copied). */
export function withColumns(batch: Batch, replaced: Record<string, Column>): Batch {
  for (const [name, col] of Object.entries(replaced)) {
    if (col.length !== batch.n) throw new Error(`column \`${name}\` has ${col.length} values for ${batch.n} rows`);
  }
  return { n: batch.n, columns: { ...batch.columns, ...replaced } };
}

/** Concatenate batches with the same columns. */
export function concat(batches: Batch[]): Batch {
  if (batches.length === 0) return { n: 0, columns: {} };
  const n = batches.reduce((s, b) => s + b.n, 0);
  const columns: Record<string, Column> = Object.create(null);
  for (const name of Object.keys(batches[0].columns)) {
    const out = allocLike(batches[0].columns[name], n) as any;
    let offset = 0;
    for (const b of batches) {
      const col = b.columns[name];
      if (ArrayBuffer.isView(out)) (out as Float64Array).set(col as Float64Array, offset);
      else for (let r = 0; r < b.n; r++) out[offset + r] = col[r];
      offset += b.n;
    }
    columns[name] = out;
  }
  return { n, columns };
}

/** Whether a column holds numbers (typed array) rather than categories. */
export function isNumeric(col: Column): col is Float64Array | Float32Array {
  return col instanceof Float64Array || col instanceof Float32Array;
}
