// The definition interventional TreeSHAP must match, by brute force: v(S) = mean over the background rows z
// of f(x_S, z_S̄) — the hybrid row takes x's values on S and z's elsewhere — evaluated by walking the trees
// (test/model/tree-walk.ts, written apart from src), and its Shapley values over all 2^p coalitions.
import type { TreeEnsemble } from "../../src/model/types";
import { walkMargin } from "../model/tree-walk";
import { shapleyOfGame } from "./treeshap-brute";

export interface BruteInterventional {
  values: number[];
  /** mean over the background of f(z) */
  base: number;
  prediction: number;
}

export function bruteInterventional(e: TreeEnsemble, x: number[], background: number[][]): BruteInterventional {
  const p = e.features.length;
  const v = new Float64Array(1 << p);
  const h = new Array<number>(p);
  for (let mask = 0; mask < 1 << p; mask++) {
    let s = 0;
    for (const z of background) {
      for (let j = 0; j < p; j++) h[j] = (mask >> j) & 1 ? x[j] : z[j];
      s += walkMargin(e, h);
    }
    v[mask] = s / background.length;
  }
  return { values: shapleyOfGame(v, p), base: v[0], prediction: v[(1 << p) - 1] };
}
