// SHAP intervals over a set: one observation explained by every member against the same background,
// and per feature the range of φ the members give. A wide interval means the set's members explain
// this prediction differently even though they fit equally well.
import type { Batch, Predictor } from "../../model/types";
import { ExplainError } from "../errors";
import { shap, type ShapOptions, type ShapValues } from "../shap";
import type { Explanation } from "../types";
import { resolveBackground } from "../shap-inputs";
import { inMemberChunks, spreadCount, type SpreadOptions } from "./spread";
import { mean } from "./stats";

export interface ShapInterval {
  feature: string;
  min: number;
  max: number;
  mean: number;
  values: { model: string; phi: number }[];
}

export interface ShapIntervals {
  observation: number | Record<string, unknown>;
  methods: Record<string, string>;
  predictions: { model: string; prediction: number; base: number }[];
  /** sorted by the widest interval first */
  features: ShapInterval[];
}

export async function shapIntervals(members: readonly Predictor[], data: Batch, options: ShapOptions & SpreadOptions): Promise<ShapIntervals> {
  if (members.length === 0) throw new ExplainError("the set has no members");
  // one background for all, drawn here, so 'tree' and sampled methods alike see the same options
  const background = resolveBackground(data, options.background, options.seed ?? 0);
  const run = { ...options, background };
  // each member's φ is independent of the others: chunks of members may run in workers
  const workers = await spreadCount(members, options, members.length * background.n * members[0].features.length * 10, true);
  const results = workers
    ? await inMemberChunks<Explanation<ShapValues>>("shap", members, data, undefined, run as typeof run & Record<string, unknown>, workers)
    : await shap(members, data, run);
  const byFeature = new Map<string, ShapInterval["values"]>();
  for (const r of results) {
    r.values.features.forEach((f, j) => {
      const list = byFeature.get(f) ?? [];
      list.push({ model: r.model, phi: r.values.values[j] });
      byFeature.set(f, list);
    });
  }
  const features = [...byFeature].map(([feature, values]) => {
    const phis = values.map((v) => v.phi);
    return { feature, min: Math.min(...phis), max: Math.max(...phis), mean: mean(phis), values };
  });
  features.sort((a, b) => b.max - b.min - (a.max - a.min) || (a.feature < b.feature ? -1 : 1));
  return {
    observation: results[0].observation!,
    methods: Object.fromEntries(results.map((r) => [r.model, String(r.params.method)])),
    predictions: results.map((r) => ({ model: r.model, prediction: r.values.prediction, base: r.values.base })),
    features,
  };
}
