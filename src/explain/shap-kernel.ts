// Kernel SHAP (Lundberg & Lee 2017): Shapley values as the weighted least-squares fit of v(S)
// on coalition indicators, under the efficiency constraint Σφ = f(x) − E[f]. Coalitions are drawn
// from the Shapley kernel itself (so the regression weights are all 1), each with its complement.
// The standard error is a delete-a-group jackknife over 10 groups of coalition pairs (each refit
// keeps 90% of the pairs, so it stays well-posed where fits on small groups would be singular).
import type { Batch, Predictor } from "../model/types";
import { ExplainError } from "./errors";
import type { RunOptions } from "./models";
import { rng } from "./random";
import type { SampledShapley } from "./shap-permutation";
import { coalitionValues } from "./shapley";

/** Groups the coalition pairs are split into for the jackknife standard error. */
const GROUPS = 10;

/** Draws a coalition size s ∈ 1..p−1 with probability ∝ (p−1)/(s(p−s)), the kernel's mass at s. */
function sizeSampler(p: number, random: () => number): () => number {
  const cum = new Float64Array(p);
  for (let s = 1; s < p; s++) cum[s] = cum[s - 1] + 1 / (s * (p - s));
  const total = cum[p - 1];
  return () => {
    const u = random() * total;
    let s = 1;
    while (s < p - 1 && cum[s] <= u) s++;
    return s;
  };
}

/**
 * Solves min Σ_rows (y − Σ_j φ_j z_j)² subject to Σ φ = delta, over the rows in `rows`
 * (eliminating the last feature: φ_last = delta − Σ others).
 */
export function constrainedFit(
  z: Uint8Array, y: Float64Array, rows: ArrayLike<number>, p: number, delta: number,
): Float64Array {
  const q = p - 1;
  const phi = new Float64Array(p);
  if (q === 0) { phi[0] = delta; return phi; }
  // normal equations A φ' = b for the first q features
  const A = new Float64Array(q * q), b = new Float64Array(q);
  const d = new Float64Array(q);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const zl = z[r * p + q];
    for (let j = 0; j < q; j++) d[j] = z[r * p + j] - zl;
    const t = y[r] - zl * delta;
    for (let j = 0; j < q; j++) {
      if (d[j] === 0) continue;
      b[j] += d[j] * t;
      for (let k = 0; k < q; k++) A[j * q + k] += d[j] * d[k];
    }
  }
  const sol = solve(A, b, q);
  let rest = delta;
  for (let j = 0; j < q; j++) { phi[j] = sol[j]; rest -= sol[j]; }
  phi[q] = rest;
  return phi;
}

/** Gaussian elimination with partial pivoting; throws on a singular system. */
function solve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const M = A.slice(), x = b.slice();
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(M[i]));
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r * n + c]) > Math.abs(M[piv * n + c])) piv = r;
    if (Math.abs(M[piv * n + c]) <= 1e-12 * scale) {
      throw new ExplainError("kernel SHAP: too few sampled coalitions to separate every feature; raise `samples`");
    }
    if (piv !== c) {
      for (let k = 0; k < n; k++) { const t = M[c * n + k]; M[c * n + k] = M[piv * n + k]; M[piv * n + k] = t; }
      const t = x[c]; x[c] = x[piv]; x[piv] = t;
    }
    for (let r = c + 1; r < n; r++) {
      const f = M[r * n + c] / M[c * n + c];
      if (f === 0) continue;
      for (let k = c; k < n; k++) M[r * n + k] -= f * M[c * n + k];
      x[r] -= f * x[c];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = x[c];
    for (let k = c + 1; k < n; k++) s -= M[c * n + k] * x[k];
    x[c] = s / M[c * n + c];
  }
  return x;
}

/**
 * Kernel SHAP with `pairs` sampled coalition pairs (S and its complement); one batch holding
 * ∅, all, and the 2·pairs coalitions, each × background rows.
 */
export async function kernelShapley(
  model: Predictor,
  x: Batch,
  background: Batch,
  pairs: number,
  seed: number,
  options: RunOptions = {},
): Promise<SampledShapley> {
  const p = model.features.length;
  const least = Math.max(2 * GROUPS, p);
  if (!(Number.isInteger(pairs) && pairs >= least)) {
    throw new ExplainError(`samples must be an integer ≥ ${least} (coalition pairs) for kernel SHAP on ${p} features; got ${pairs}`);
  }
  const random = rng(seed);
  const nextSize = sizeSampler(p, random);
  const k = 2 + 2 * (p > 1 ? pairs : 0);
  const coalitions = new Uint8Array(k * p);
  coalitions.fill(1, p, 2 * p);
  const order = new Int32Array(p);
  for (let s = 0; s < (p > 1 ? pairs : 0); s++) {
    // a uniform subset of the drawn size (partial Fisher–Yates), then its complement
    const size = nextSize();
    for (let j = 0; j < p; j++) order[j] = j;
    for (let t = 0; t < size; t++) {
      const u = t + Math.floor(random() * (p - t));
      const tmp = order[t]; order[t] = order[u]; order[u] = tmp;
    }
    const c = 2 + 2 * s;
    coalitions.fill(1, (c + 1) * p, (c + 2) * p);
    for (let t = 0; t < size; t++) { coalitions[c * p + order[t]] = 1; coalitions[(c + 1) * p + order[t]] = 0; }
  }
  const v = await coalitionValues(model, x, background, coalitions, k, options);
  const base = v[0], prediction = v[1], delta = prediction - base;
  if (p === 1) return { values: [delta], se: [0], base, prediction, evaluations: k * background.n };

  // regression rows: the sampled coalitions, target v(S) − v(∅)
  const m = 2 * pairs;
  const z = coalitions.subarray(2 * p);
  const y = new Float64Array(m);
  for (let r = 0; r < m; r++) y[r] = v[2 + r] - base;
  const all = Array.from({ length: m }, (_, r) => r);
  const values = constrainedFit(z, y, all, p, delta);

  // jackknife: refit leaving out each group of pairs in turn
  const fits: Float64Array[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const rows: number[] = [];
    for (let s = 0; s < pairs; s++) if (s % GROUPS !== g) rows.push(2 * s, 2 * s + 1);
    fits.push(constrainedFit(z, y, rows, p, delta));
  }
  const se: number[] = [];
  for (let j = 0; j < p; j++) {
    let mean = 0;
    for (const f of fits) mean += f[j];
    mean /= GROUPS;
    let ss = 0;
    for (const f of fits) ss += (f[j] - mean) ** 2;
    se.push(Math.sqrt(((GROUPS - 1) / GROUPS) * ss));
  }
  return { values: Array.from(values), se, base, prediction, evaluations: k * background.n };
}
