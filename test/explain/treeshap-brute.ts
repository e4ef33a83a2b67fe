// Hand-built tree ensembles for TreeSHAP tests, and the brute-force definition TreeSHAP must match:
// path-dependent SHAP = Shapley values of v(S) = E_cover[f(x) | x_S], by enumerating coalitions.
import type { Tree, TreeEnsemble } from "../../src/model/types";

export type Spec =
  | { leaf: number; cover: number }
  | { f: number; t: number; mode?: string; missingLeft?: boolean; cover?: number; l: Spec; r: Spec };

/** Flattens a nested spec (root first, depth-first); a split's cover defaults to the sum of its children's. */
export function buildTree(spec: Spec): Tree {
  const nodes: { spec: Spec; left: number; right: number; cover: number }[] = [];
  const visit = (s: Spec): number => {
    const i = nodes.length;
    nodes.push({ spec: s, left: -1, right: -1, cover: 0 });
    if ("leaf" in s) {
      nodes[i].cover = s.cover;
    } else {
      const l = visit(s.l);
      const r = visit(s.r);
      nodes[i].left = l;
      nodes[i].right = r;
      nodes[i].cover = s.cover ?? nodes[l].cover + nodes[r].cover;
    }
    return i;
  };
  visit(spec);
  const n = nodes.length;
  const tree: Tree = {
    feature: new Int32Array(n), threshold: new Float64Array(n), mode: [], left: new Int32Array(n),
    right: new Int32Array(n), missingTrue: new Uint8Array(n), value: new Float64Array(n), cover: new Float64Array(n),
  };
  nodes.forEach((node, i) => {
    const s = node.spec;
    tree.cover[i] = node.cover;
    if ("leaf" in s) {
      tree.feature[i] = -1; tree.mode.push("LEAF"); tree.value[i] = s.leaf; tree.left[i] = -1; tree.right[i] = -1;
    } else {
      tree.feature[i] = s.f; tree.threshold[i] = s.t; tree.mode.push(s.mode ?? "BRANCH_LEQ");
      tree.left[i] = node.left; tree.right[i] = node.right; tree.missingTrue[i] = s.missingLeft ? 1 : 0;
    }
  });
  return tree;
}

export function ensemble(trees: Spec[], features: string[], base = 0, aggregate: "SUM" | "AVERAGE" = "SUM"): TreeEnsemble {
  return { trees: trees.map(buildTree), features, base, aggregate, postTransform: "NONE",
    covers: { valid: true, reason: "built by the test with covers that add up", source: "file" }, hasCover: true };
}

// An independent reading of the split test (the definition, written apart from src).
function left(tree: Tree, i: number, v: number): boolean {
  if (Number.isNaN(v)) return tree.missingTrue[i] === 1;
  const x = Math.fround(v), t = tree.threshold[i];
  return { BRANCH_LEQ: x <= t, BRANCH_LT: x < t, BRANCH_GTE: x >= t, BRANCH_GT: x > t }[tree.mode[i]] as boolean;
}

/** E_cover[tree | x_S]: follow x where the split feature is in S, else average the children by cover. */
function conditional(tree: Tree, i: number, x: number[], inS: (j: number) => boolean): number {
  if (tree.feature[i] < 0) return tree.value[i];
  const f = tree.feature[i];
  if (inS(f)) return conditional(tree, left(tree, i, x[f]) ? tree.left[i] : tree.right[i], x, inS);
  const l = tree.left[i], r = tree.right[i];
  // a node no row reached (cover 0, only with covers counted from data) is split evenly
  if (tree.cover[i] === 0) return (conditional(tree, l, x, inS) + conditional(tree, r, x, inS)) / 2;
  return (tree.cover[l] * conditional(tree, l, x, inS) + tree.cover[r] * conditional(tree, r, x, inS)) / tree.cover[i];
}

export function bruteValue(e: TreeEnsemble, x: number[], mask: number): number {
  const scale = e.aggregate === "AVERAGE" ? 1 / e.trees.length : 1;
  let s = 0;
  for (const t of e.trees) s += conditional(t, 0, x, (j) => ((mask >> j) & 1) === 1);
  return e.base + scale * s;
}

function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}

/** Shapley values of v(S) = E_cover[f | x_S], by enumerating all 2^p coalitions. */
export function bruteTreeShap(e: TreeEnsemble, x: number[]): number[] {
  const p = e.features.length;
  const v = new Float64Array(1 << p);
  for (let m = 0; m < 1 << p; m++) v[m] = bruteValue(e, x, m);
  const phi = new Array(p).fill(0);
  for (let m = 0; m < 1 << p; m++) {
    let size = 0;
    for (let j = 0; j < p; j++) size += (m >> j) & 1;
    const w = (factorial(size) * factorial(p - size - 1)) / factorial(p);
    for (let j = 0; j < p; j++) if (((m >> j) & 1) === 0) phi[j] += w * (v[m | (1 << j)] - v[m]);
  }
  return phi;
}

/** A random binary tree over `p` features, depth ≤ `depth`, covers that add up, thresholds on a 1/8 grid. */
export function randomSpec(p: number, depth: number, random: () => number): Spec {
  const modes = ["BRANCH_LEQ", "BRANCH_LT", "BRANCH_GTE", "BRANCH_GT"];
  const grow = (d: number): Spec => {
    if (d === 0 || (d < depth && random() < 0.2)) {
      return { leaf: Math.round((random() * 4 - 2) * 1000) / 1000, cover: 1 + Math.floor(random() * 50) };
    }
    return {
      f: Math.floor(random() * p), t: Math.floor(random() * 16) / 8, mode: modes[Math.floor(random() * 4)],
      missingLeft: random() < 0.5, l: grow(d - 1), r: grow(d - 1),
    };
  };
  return grow(depth);
}

/** Shapley values of any game v over p players given as v[mask], by the definition. */
export function shapleyOfGame(v: Float64Array, p: number): number[] {
  const phi = new Array(p).fill(0);
  for (let m = 0; m < 1 << p; m++) {
    let size = 0;
    for (let j = 0; j < p; j++) size += (m >> j) & 1;
    const w = (factorial(size) * factorial(p - size - 1)) / factorial(p);
    for (let j = 0; j < p; j++) if (((m >> j) & 1) === 0) phi[j] += w * (v[m | (1 << j)] - v[m]);
  }
  return phi;
}
