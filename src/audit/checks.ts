// The audit's checks, one function each. Every check is given what it needs (scores, explanations)
// and returns findings; audit.ts runs them in order and shares the model calls between them.
import type { Predictor } from "../model/types";
import type { FeatureImportance } from "../explain/importance";
import type { Slice } from "../explain/rashomon/slices";
import type { FriedmanH } from "../explain/rashomon/friedman";
import type { Clusters } from "./kmeans";
import type { EffectShape } from "./effect-shape";
import type { Finding } from "./types";

const fmt = (x: number) => Number(x.toPrecision(3)).toString();

/** Slices sharing all conditions with an earlier one say nothing new: keep the first of each family. */
export function distinctSlices(slices: readonly Slice[], count: number): Slice[] {
  const kept: Slice[] = [];
  const key = (c: Slice["conditions"][number]) => `${c.feature}\u0000${c.op}\u0000${c.value}`;
  for (const s of slices) {
    const mine = new Set(s.conditions.map(key));
    if (kept.some((k) => k.conditions.every((c) => mine.has(key(c))) || s.conditions.every((c) => k.conditions.some((d) => key(d) === key(c))))) continue;
    kept.push(s);
    if (kept.length === count) break;
  }
  return kept;
}

export function errorSliceFindings(model: Predictor, slices: readonly Slice[], errorName: string, count: number): Finding[] {
  return distinctSlices(slices.filter((s) => s.lower > s.overall), count).map((s) => {
    const ratio = s.mean / s.overall;
    return {
      kind: "error-slice", severity: ratio >= 2 ? "alert" : ratio >= 1.25 ? "warning" : "info", model: model.name,
      title: `${model.name} errs most where ${s.text}: mean ${errorName} ${fmt(s.mean)} (95% CI ${fmt(s.lower)}–${fmt(s.upper)}) vs ${fmt(s.overall)} overall, ${s.support} rows`,
      detail: { slice: s.text, conditions: s.conditions, support: s.support, mean: s.mean, lower: s.lower, upper: s.upper, overall: s.overall, ratio, error: errorName, interval: "normal approximation, 95%" },
      panel: { kind: "residuals", slice: s.conditions },
    };
  });
}

export function disagreementFindings(models: readonly string[], slices: readonly Slice[], count: number): Finding[] {
  return distinctSlices(slices, count).map((s) => {
    const ratio = s.overall > 0 ? s.mean / s.overall : Infinity;
    return {
      kind: "disagreement-slice", severity: ratio >= 2 ? "warning" : "info",
      title: `the ${models.length} models disagree most where ${s.text}: mean spread ${fmt(s.mean)} vs ${fmt(s.overall)} overall, ${s.support} rows`,
      detail: { slice: s.text, conditions: s.conditions, support: s.support, meanSpread: s.mean, lower: s.lower, upper: s.upper, overall: s.overall, ratio, models },
      panel: { kind: "pdp", feature: s.conditions[0].feature, slice: s.conditions },
    };
  });
}

export function dominanceFindings(model: Predictor, features: readonly FeatureImportance[], threshold: number): Finding[] {
  const positive = features.filter((f) => f.dropout > 0);
  const total = positive.reduce((s, f) => s + f.dropout, 0);
  if (total <= 0) return [];
  const top = positive[0], share = top.dropout / total;
  if (share <= threshold) return [];
  return [{
    kind: "dominant-feature", severity: share > 0.8 ? "alert" : "warning", model: model.name,
    title: `${top.feature} carries ${Math.round(share * 100)}% of ${model.name}'s permutation importance: possible leakage, or a proxy of the outcome`,
    detail: { feature: top.feature, share, dropout: top.dropout, totalDropout: total, threshold, next: positive[1]?.feature ?? null },
    panel: { kind: "importance", feature: top.feature },
  }];
}

export function shapeFindings(model: Predictor, feature: string, on: "pdp", shape: EffectShape, limits: { nonMonotone: number; jagged: number }): Finding[] {
  const out: Finding[] = [];
  if (shape.nonMonotonicity > limits.nonMonotone) {
    out.push({
      kind: "non-monotone", severity: "info", model: model.name,
      title: `the effect of ${feature} on ${model.name} goes both ways: it rises by ${fmt(shape.up)} and falls by ${fmt(shape.down)} (${shape.signChanges} change${shape.signChanges === 1 ? "" : "s"} of direction)`,
      detail: { feature, ...shape },
      panel: { kind: on, feature },
    });
  }
  if (shape.jaggedness > limits.jagged && shape.signChanges >= 4) {
    out.push({
      kind: "jagged-effect", severity: "warning", model: model.name,
      title: `the effect of ${feature} on ${model.name} is jagged: total variation ${fmt(shape.jaggedness)}× its range, ${shape.signChanges} changes of direction`,
      detail: { feature, ...shape },
      panel: { kind: on, feature },
    });
  }
  return out;
}

export function interactionFindings(model: Predictor, pairs: readonly FriedmanH[], above: number, count: number): Finding[] {
  return pairs.filter((p) => p.h2 > above).slice(0, count).map((p) => ({
    kind: "interaction", severity: p.h2 > 0.3 ? "warning" : "info", model: model.name,
    title: `${p.a} and ${p.b} interact in ${model.name}: Friedman's H² = ${fmt(p.h2)}`,
    detail: { a: p.a, b: p.b, h2: p.h2, h: p.h, rows: p.rows, rank: pairs.indexOf(p) + 1, pairsTested: pairs.length },
    panel: { kind: "pdp", feature: p.a, features: [p.a, p.b] },
  }));
}

export function prototypeFinding(model: Predictor, features: readonly string[], rows: readonly number[], clusters: Clusters, method: string): Finding {
  const groups = clusters.centers.map((center, j) => {
    const order = features.map((f, i) => ({ feature: f, phi: center[i] })).sort((a, b) => Math.abs(b.phi) - Math.abs(a.phi));
    return {
      size: clusters.sizes[j], meanShap: Object.fromEntries(features.map((f, i) => [f, center[i]])),
      driver: order[0].feature, rows: rows.filter((_, i) => clusters.assignment[i] === j),
    };
  }).sort((a, b) => b.size - a.size);
  return {
    kind: "prototypes", severity: "info", model: model.name,
    title: `${model.name}'s local explanations fall into ${groups.length} prototypes, driven by ${groups.map((g) => `${g.driver} (${g.size} rows)`).join(", ")}`,
    detail: { clusters: groups, rows: rows.length, method, inertia: clusters.inertia },
    panel: { kind: "shap" },
  };
}
