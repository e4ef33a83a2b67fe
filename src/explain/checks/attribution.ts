// The attribution vector an explanation result carries (SHAP values, break-down contributions,
// permutation importance), by feature, so the checks can compare results of any of these kinds.
import type { Explanation } from "../types";
import { ExplainError } from "../errors";

export type Attribution = Map<string, number>;

export function attributionOf(e: Explanation): Attribution {
  const v = e.values as any;
  if (e.kind === "shap") return new Map(v.features.map((f: string, j: number) => [f, v.values[j]]));
  if (e.kind === "importance") return new Map(v.features.map((f: any) => [f.feature, f.dropout]));
  if (e.kind === "breakdown") return new Map(v.steps.map((s: any) => [s.label ?? s.feature, s.contribution]));
  throw new ExplainError(`a ${e.kind} result carries no attribution per feature; checks apply to shap, breakdown and importance`);
}

/** Ranks from 1 (ties get their mean rank). */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) r[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation (Pearson correlation of the ranks); NaN when either is constant. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a), rb = ranks(b);
  const n = a.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n, mb = rb.reduce((s, x) => s + x, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { sab += (ra[i] - ma) * (rb[i] - mb); saa += (ra[i] - ma) ** 2; sbb += (rb[i] - mb) ** 2; }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

/** The two attributions over their common features, in the first one's order. */
export function aligned(a: Attribution, b: Attribution): { features: string[]; a: number[]; b: number[] } {
  const features = [...a.keys()].filter((f) => b.has(f));
  return { features, a: features.map((f) => a.get(f)!), b: features.map((f) => b.get(f)!) };
}
