// Seeded row samples, simple or stratified, that remember where each row came from.
import type { ColumnTable } from "arquero";
import { rng, sampleIndices } from "../explain/random";
import { cellLabel } from "./cell-kind";
import { DataError } from "./errors";
import { reified, tableRows } from "./numeric-column";
import { requireColumns } from "./require-columns";

export interface SampleOptions {
  seed: number;
  /** a column whose levels keep their shares in the sample (missing cells form a level of their own) */
  stratify?: string;
}

export interface Sample {
  table: ColumnTable;
  /** 0-based indices of the sampled rows in the input table, increasing */
  rows: Int32Array;
}

/**
 * Proportional allocation of `n` draws over strata of the given sizes (largest remainders),
 * with at least one draw per non-empty stratum and never more than a stratum holds.
 * When there are more non-empty strata than `n`, each still gets one, so the total exceeds `n`.
 */
export function allocate(sizes: readonly number[], n: number): number[] {
  const total = sizes.reduce((s, x) => s + x, 0);
  if (n >= total) return sizes.slice();
  const exact = sizes.map((s) => (n * s) / total);
  const take = exact.map((e, h) => (sizes[h] > 0 ? Math.min(sizes[h], Math.max(1, Math.floor(e))) : 0));
  let left = n - take.reduce((s, x) => s + x, 0);
  // hand out what is left by largest remainder; take back from the most over-allocated if the minimum of 1 overshot
  const byRemainder = sizes.map((_, h) => h).sort((a, b) => (exact[b] - Math.floor(exact[b])) - (exact[a] - Math.floor(exact[a])) || a - b);
  for (let k = 0; left > 0 && k < 4 * sizes.length; k++) {
    const h = byRemainder[k % sizes.length];
    if (take[h] < sizes[h]) { take[h]++; left--; }
  }
  while (left < 0) {
    let worst = -1;
    for (let h = 0; h < sizes.length; h++) {
      if (take[h] > 1 && (worst < 0 || take[h] - exact[h] > take[worst] - exact[worst])) worst = h;
    }
    if (worst < 0) break;
    take[worst]--; left++;
  }
  return take;
}

/** `n` rows of `table` drawn without replacement, reproducibly from `seed`; all rows when n ≥ rows. */
export function sample(table: ColumnTable, n: number, options: SampleOptions): Sample {
  if (!Number.isInteger(n) || n < 0) throw new DataError(`sample size must be a whole number ≥ 0, got ${n}`, { kind: "type" });
  const base = reified(table);
  const total = base.numRows();
  const random = rng(options.seed);
  let rows: Int32Array;
  if (options.stratify === undefined) {
    rows = sampleIndices(total, n, random);
  } else {
    requireColumns(base, [options.stratify], "options.stratify names");
    const get = base.getter(options.stratify);
    const strata = new Map<string, number[]>();
    for (let r = 0; r < total; r++) {
      const v = get(r);
      const key = v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) ? "\u0000missing" : cellLabel(v);
      let list = strata.get(key);
      if (!list) strata.set(key, (list = []));
      list.push(r);
    }
    const groups = [...strata.values()];
    const take = allocate(groups.map((g) => g.length), n);
    const picked: number[] = [];
    groups.forEach((g, h) => { for (const i of sampleIndices(g.length, take[h], random)) picked.push(g[i]); });
    rows = Int32Array.from(picked).sort();
  }
  return { table: tableRows(base, rows), rows };
}
