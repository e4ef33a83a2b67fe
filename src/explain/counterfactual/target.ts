// What "the decision flips" means, as a region of scores: the other side of a classifier's
// threshold (positive when score ≥ threshold), a stated class, or a range of scores or values.
import type { Predictor } from "../../model/types";
import { ExplainError } from "../errors";

export interface TargetOptions {
  /** a range of scores (probability of the positive class, or a regression value) to reach, inclusive */
  range?: readonly [number, number];
  /** a class to reach: the model's positive class (score ≥ threshold) or any other (score < threshold) */
  class?: string | number;
  /** the classifier's threshold (default 0.5) */
  threshold?: number;
}

/** A region of scores, and how far a score is from it. */
export interface Target {
  text: string;
  lo: number;
  hi: number;
  /** true: lo ≤ s (≥ threshold); false: lo < s is not needed, and s < hi is strict */
  hiStrict: boolean;
}

export function meets(t: Target, s: number): boolean {
  return s >= t.lo && (t.hiStrict ? s < t.hi : s <= t.hi);
}

/** 0 inside the region, else the distance of the score to it. */
export function gap(t: Target, s: number): number {
  if (s < t.lo) return t.lo - s;
  if (t.hiStrict ? s >= t.hi : s > t.hi) return s - t.hi + (t.hiStrict ? 1e-12 : 0);
  return 0;
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

/**
 * The target region for a set of models at an observation whose scores are `current`: a range or
 * class when given, else (classifiers) the decision the majority of the models does not make now.
 */
export function resolveTarget(models: readonly Predictor[], current: readonly number[], options: TargetOptions): Target {
  const threshold = options.threshold ?? 0.5;
  const classifier = models.every((m) => m.task === "classification");
  if (options.range !== undefined) {
    const [lo, hi] = options.range;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
      throw new ExplainError(`the target range must be two finite numbers a ≤ b (got ${options.range.join(", ")})`);
    }
    return { text: `score in [${fmt(lo)}, ${fmt(hi)}]`, lo, hi, hiStrict: false };
  }
  if (!classifier) {
    throw new ExplainError("a regression model has no decision to flip: give a target range of values (range: [a, b], --target-range a,b)");
  }
  const positive = models[0].positiveClass;
  const above = { text: `score ≥ ${fmt(threshold)}${positive !== undefined ? ` (class ${positive})` : ""}`, lo: threshold, hi: Infinity, hiStrict: false };
  const below = { text: `score < ${fmt(threshold)}${positive !== undefined ? ` (not class ${positive})` : ""}`, lo: -Infinity, hi: threshold, hiStrict: true };
  if (options.class !== undefined) {
    if (positive === undefined) {
      // a model scored as "class 1" (0/1 labels)
      return String(options.class) === "1" ? above : String(options.class) === "0" ? below : badClass(options.class, "0, 1");
    }
    return String(options.class) === String(positive) ? above : below;
  }
  const positives = current.filter((s) => s >= threshold).length;
  return positives * 2 >= current.length ? below : above;
}

function badClass(k: string | number, classes: string): never {
  throw new ExplainError(`unknown class \`${k}\`; the model's classes are ${classes}`);
}
