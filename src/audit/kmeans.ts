// k-means with k-means++ seeding from a seeded generator: deterministic clusters of small vectors
// (SHAP explanations of a row sample), for prototypes.
import { ExplainError } from "../explain/errors";
import { rng } from "../explain/random";

export interface Clusters {
  /** cluster of each point */
  assignment: number[];
  centers: number[][];
  sizes: number[];
  /** within-cluster sum of squares */
  inertia: number;
}

function dist2(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] - b[j]) ** 2;
  return s;
}

export function kmeans(points: readonly (readonly number[])[], k: number, { seed = 0, iterations = 100 } = {}): Clusters {
  const n = points.length;
  if (!(Number.isInteger(k) && k >= 1)) throw new ExplainError(`k must be a whole number ≥ 1 (got ${k})`);
  if (n === 0) throw new ExplainError("k-means needs at least one point");
  k = Math.min(k, n);
  const random = rng(seed);
  // k-means++: each next center drawn with probability ∝ squared distance to the nearest chosen one
  const centers: number[][] = [[...points[Math.floor(random() * n)]]];
  const near = points.map((p) => dist2(p, centers[0]));
  while (centers.length < k) {
    const total = near.reduce((s, d) => s + d, 0);
    let pick = 0;
    if (total > 0) {
      let r = random() * total;
      while (pick < n - 1 && (r -= near[pick]) > 0) pick++;
    } else pick = centers.length; // all points coincide with centers: take any
    centers.push([...points[pick]]);
    points.forEach((p, i) => { near[i] = Math.min(near[i], dist2(p, centers[centers.length - 1])); });
  }
  const assignment = new Array<number>(n).fill(-1);
  for (let it = 0; it < iterations; it++) {
    let changed = false;
    points.forEach((p, i) => {
      let best = 0, bd = Infinity;
      centers.forEach((c, j) => { const d = dist2(p, c); if (d < bd) { bd = d; best = j; } });
      if (assignment[i] !== best) { assignment[i] = best; changed = true; }
    });
    if (!changed) break;
    centers.forEach((c, j) => {
      const members = points.filter((_, i) => assignment[i] === j);
      if (members.length) for (let d = 0; d < c.length; d++) c[d] = members.reduce((s, p) => s + p[d], 0) / members.length;
    });
  }
  const sizes = centers.map((_, j) => assignment.filter((a) => a === j).length);
  const inertia = points.reduce((s, p, i) => s + dist2(p, centers[assignment[i]]), 0);
  return { assignment, centers, sizes, inertia };
}
