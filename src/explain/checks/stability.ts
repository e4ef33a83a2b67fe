// Stability: re-run a sampled explanation under other seeds (and so other backgrounds and
// permutations) and report the spread next to the result — a ranking that changes between seeds
// is not a finding.
import type { Explanation } from "../types";
import { ExplainError } from "../errors";
import { aligned, attributionOf, spearman } from "./attribution";

export interface StabilityValues {
  runs: number;
  seeds: number[];
  /** per feature: mean, sd, min and max of its attribution over the runs */
  features: { feature: string; mean: number; sd: number; min: number; max: number }[];
  /** mean Spearman correlation between the runs' |attributions| (the ranking by size), over all pairs of runs */
  rankCorrelation: number;
  /** the feature most often on top (by |attribution|) and in how many runs */
  top: { feature: string; runs: number };
  /** one line for a panel: "top feature x1 in 5 of 5 runs; rank correlation 0.98; widest spread ±0.021 (x3)" */
  text: string;
}

function fmt(x: number): string {
  return Number(x.toPrecision(2)).toString();
}

/**
 * Runs `explain(seed)` for `runs` seeds (seed, seed+1, …) and summarises how much the attributions
 * move. `explain` is any sampled explanation of one model and one observation (shap with a sampled
 * background or method, breakdown, importance).
 */
export async function stability(
  explain: (seed: number) => Promise<Explanation>, options: { runs?: number; seed?: number; signal?: AbortSignal; onProgress?: (f: number) => void } = {},
): Promise<Explanation<StabilityValues>> {
  const started = performance.now();
  const runs = options.runs ?? 5, seed0 = options.seed ?? 1;
  if (!(Number.isInteger(runs) && runs >= 2)) throw new ExplainError(`stability needs at least 2 runs; got ${runs}`);
  const results: Explanation[] = [];
  for (let r = 0; r < runs; r++) {
    if (options.signal?.aborted) throw new DOMException("aborted", "AbortError");
    results.push(await explain(seed0 + r));
    options.onProgress?.((r + 1) / runs);
  }
  const attributions = results.map(attributionOf);
  const featureNames = [...attributions[0].keys()];
  const features = featureNames.map((feature) => {
    const xs = attributions.map((a) => a.get(feature) ?? NaN);
    const mean = xs.reduce((s, x) => s + x, 0) / runs;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (runs - 1));
    return { feature, mean, sd, min: Math.min(...xs), max: Math.max(...xs) };
  });
  let sum = 0, pairs = 0;
  for (let i = 0; i < runs; i++) for (let j = i + 1; j < runs; j++) {
    const { a, b } = aligned(attributions[i], attributions[j]);
    const rho = spearman(a.map(Math.abs), b.map(Math.abs));
    if (!Number.isNaN(rho)) { sum += rho; pairs++; }
  }
  const tops = new Map<string, number>();
  for (const a of attributions) {
    const top = [...a.entries()].sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]))[0][0];
    tops.set(top, (tops.get(top) ?? 0) + 1);
  }
  const [topFeature, topRuns] = [...tops.entries()].sort((a, b) => b[1] - a[1])[0];
  const widest = [...features].sort((a, b) => b.sd - a.sd)[0];
  const rankCorrelation = pairs ? sum / pairs : NaN;
  const text = `top feature ${topFeature} in ${topRuns} of ${runs} runs; rank correlation ${Number.isNaN(rankCorrelation) ? "n/a" : rankCorrelation.toFixed(2)}; widest spread ±${fmt(widest.sd)} (${widest.feature})`;
  const first = results[0];
  return {
    kind: "check", model: first.model, ...(first.feature ? { feature: first.feature } : {}),
    ...(first.observation !== undefined ? { observation: first.observation } : {}),
    params: { check: "stability", of: first.kind, method: first.params.method, runs, seeds: results.map((_, r) => seed0 + r) },
    values: { runs, seeds: results.map((_, r) => seed0 + r), features, rankCorrelation, top: { feature: topFeature, runs: topRuns }, text },
    evaluations: results.reduce((s, e) => s + e.evaluations, 0),
    ms: performance.now() - started,
  };
}
