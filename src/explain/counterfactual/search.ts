// Optimized counterfactuals (DiCE-style, model-agnostic): a beam search over sparse changes of the
// observation, one feature at a time, towards the target region of every model (or k of m), then
// each success is made as small as it can be (changes dropped, values moved back towards the
// observation while the target still holds), and a few diverse ones (different changed features)
// are kept. Heuristic: it finds small counterfactuals, not provably the smallest.
import type { Predictor } from "../../model/types";
import { throwIfAborted } from "../errors";
import { predictChecked } from "../models";
import { allowed, distance, pointsBatch, type Constraints, type FeatureSpace, type Value } from "./space";
import { gap, meets, type Target } from "./target";

export interface SearchOptions {
  constraints: Constraints;
  /** most features one counterfactual changes (default 3) */
  maxChanges: number;
  /** states kept per step (default 6) */
  beam: number;
  /** models that must reach the target (default all) */
  required: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface Found {
  point: Value[];
  scores: number[];
  reached: number;
  distance: number;
}

/** Scores of every model for every point: scores[m][i]. */
async function scoreAll(models: readonly Predictor[], space: FeatureSpace, points: Value[][], signal?: AbortSignal): Promise<number[][]> {
  if (points.length === 0) return models.map(() => []);
  const batch = pointsBatch(space, points);
  const out: number[][] = [];
  for (const m of models) {
    throwIfAborted(signal);
    out.push(Array.from(await predictChecked(m, batch, { signal })));
  }
  return out;
}

interface State { point: Value[]; changed: Set<number>; reached: number; gapSum: number; distance: number }

function rank(a: State, b: State): number {
  return b.reached - a.reached || a.gapSum - b.gapSum || a.distance - b.distance;
}

/** Values tried when expanding a state: the nearest on each side of the observation and a spread of the rest. */
export function expansionValues(values: Value[], x0: Value, numeric: boolean, perSide = 16): Value[] {
  if (!numeric || values.length <= 3 * perSide) return values;
  const x = x0 as number, nums = values as number[];
  const below = nums.filter((v) => v < x).sort((a, b) => b - a), above = nums.filter((v) => v > x).sort((a, b) => a - b);
  const near = [...below.slice(0, perSide), ...above.slice(0, perSide)];
  const rest = [...below.slice(perSide), ...above.slice(perSide)];
  const step = Math.max(1, Math.floor(rest.length / perSide));
  for (let i = 0; i < rest.length; i += step) near.push(rest[i]);
  return near;
}

/** Every point one allowed change away from `state`, on a feature not yet changed. */
function neighbours(space: FeatureSpace, candidates: Value[][], constraints: Constraints, origin: Value[], state: State): { point: Value[]; changed: Set<number> }[] {
  const out: { point: Value[]; changed: Set<number> }[] = [];
  for (let j = 0; j < space.features.length; j++) {
    if (state.changed.has(j)) continue;
    for (const v of expansionValues(candidates[j], origin[j], space.numeric[j])) {
      if (String(v) === String(origin[j]) || !allowed(space, constraints, j, origin[j], v)) continue;
      const point = state.point.slice();
      point[j] = v;
      out.push({ point, changed: new Set([...state.changed, j]) });
    }
  }
  return out;
}

function evaluate(target: Target, space: FeatureSpace, origin: Value[], points: { point: Value[]; changed: Set<number> }[], scores: number[][]): State[] {
  return points.map(({ point, changed }, i) => {
    let reached = 0, gapSum = 0;
    for (const s of scores) { const v = s[i]; if (meets(target, v)) reached++; gapSum += gap(target, v); }
    return { point, changed, reached, gapSum, distance: distance(space, origin, point) };
  });
}

/** Beam search for points that `required` models place in the target region. */
export async function searchCounterfactuals(
  models: readonly Predictor[], space: FeatureSpace, candidates: Value[][], origin: Value[], target: Target, options: SearchOptions,
): Promise<Found[]> {
  const successes: State[] = [];
  let beam: State[] = [{ point: origin.slice(), changed: new Set(), reached: 0, gapSum: Infinity, distance: 0 }];
  for (let step = 0; step < options.maxChanges && beam.length > 0; step++) {
    const next = beam.flatMap((s) => neighbours(space, candidates, options.constraints, origin, s));
    const states = evaluate(target, space, origin, next, await scoreAll(models, space, next.map((n) => n.point), options.signal));
    options.onProgress?.((step + 1) / (options.maxChanges + 1));
    for (const s of states) if (s.reached >= options.required) successes.push(s);
    // keep searching from the best states that do not succeed yet, one per changed-feature set
    const seen = new Set<string>();
    beam = states.filter((s) => s.reached < options.required).sort(rank).filter((s) => {
      const key = [...s.changed].sort().join(",");
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).slice(0, options.beam);
  }
  const shrunk: State[] = [];
  for (const s of successes.sort((a, b) => a.distance - b.distance).slice(0, 40)) {
    shrunk.push(await shrink(models, space, candidates, origin, target, s, options));
  }
  options.onProgress?.(1);
  return shrunk.sort((a, b) => a.distance - b.distance).map((s) => ({
    point: s.point, scores: [], reached: s.reached, distance: s.distance,
  }));
}

/**
 * Makes a success smaller while it still succeeds: first drop changes (back to the observation's
 * value), then move each changed numeric value to the candidate nearest the observation that keeps it.
 */
async function shrink(
  models: readonly Predictor[], space: FeatureSpace, candidates: Value[][], origin: Value[], target: Target, s: State, options: SearchOptions,
): Promise<State> {
  let best = s;
  const ok = (st: State) => st.reached >= options.required;
  for (const j of [...best.changed]) {
    const point = best.point.slice();
    point[j] = origin[j];
    const changed = new Set([...best.changed].filter((k) => k !== j));
    const [st] = evaluate(target, space, origin, [{ point, changed }], await scoreAll(models, space, [point], options.signal));
    if (ok(st)) best = st;
  }
  for (const j of [...best.changed]) {
    if (!space.numeric[j]) continue;
    const x0 = origin[j] as number, x = best.point[j] as number;
    // candidates between the observation and the current value, nearest the observation first
    const closer = (candidates[j] as number[]).filter((v) => (v - x0) * (x - x0) > 0 && Math.abs(v - x0) < Math.abs(x - x0)
      && allowed(space, options.constraints, j, x0, v)).sort((a, b) => Math.abs(a - x0) - Math.abs(b - x0));
    if (closer.length === 0) continue;
    const tries = closer.map((v) => { const point = best.point.slice(); point[j] = v; return { point, changed: best.changed }; });
    const states = evaluate(target, space, origin, tries, await scoreAll(models, space, tries.map((t) => t.point), options.signal));
    const first = states.find(ok);
    if (first) best = first;
  }
  return best;
}

/** Up to `k` of the found points, smallest first, each changing a different set of features where possible. */
export function diverse(found: Found[], origin: Value[], k: number): Found[] {
  const key = (f: Found) => f.point.map((v, j) => (String(v) === String(origin[j]) ? "" : j)).filter((x) => x !== "").join(",");
  const unique: Found[] = [];
  const seenPoints = new Set<string>();
  for (const f of found) {
    const id = JSON.stringify(f.point);
    if (!seenPoints.has(id)) { seenPoints.add(id); unique.push(f); }
  }
  const chosen: Found[] = [], keys = new Set<string>();
  for (const f of unique) if (chosen.length < k && !keys.has(key(f))) { chosen.push(f); keys.add(key(f)); }
  for (const f of unique) if (chosen.length < k && !chosen.includes(f)) chosen.push(f);
  return chosen.sort((a, b) => a.distance - b.distance);
}
