// Model class reliance (Fisher, Rudin & Dominici 2019, empirical version over a given set): how much
// any well-performing model may rely on a feature. Reliance = permuted loss ÷ original loss; MCR− and
// MCR+ are its smallest and largest values over the members. Every member sees the same permutations.
import type { Batch, Predictor } from "../../model/types";
import { ExplainError } from "../errors";
import { importance, type ImportanceOptions, type ImportanceValues } from "../importance";
import type { Explanation } from "../types";
import type { RunOptions } from "../models";
import { inMemberChunks, spreadCount, type SpreadOptions } from "./spread";

export interface RelianceOptions extends RunOptions, Pick<ImportanceOptions, "features" | "groups" | "positiveClass">, SpreadOptions {
  target: string;
  /** a loss name (default rmse / 1-auc); reliance is a ratio, so the loss must be positive on the data */
  loss?: string;
  repeats?: number;
  seed?: number;
}

export interface FeatureReliance {
  feature: string;
  /** smallest reliance over the members */
  mcrMinus: number;
  /** largest reliance over the members */
  mcrPlus: number;
  /** which members attain them */
  minModel: string;
  maxModel: string;
  members: { model: string; ratio: number; dropout: number; sd: number }[];
}

export interface ModelClassReliance {
  loss: string;
  repeats: number;
  seed: number;
  /** sorted by MCR+, largest first */
  features: FeatureReliance[];
}

export async function modelClassReliance(members: readonly Predictor[], data: Batch, options: RelianceOptions): Promise<ModelClassReliance> {
  if (members.length === 0) throw new ExplainError("the set has no members");
  const seed = options.seed ?? 0, repeats = options.repeats ?? 10;
  const run = { ...options, seed, repeats };
  // every member draws the same seeded permutations, so chunks of members may run in workers
  const featureCount = options.features?.length ?? members[0].features.length;
  const workers = await spreadCount(members, options, members.length * data.n * (featureCount * repeats + 1), true);
  const results = workers
    ? await inMemberChunks<Explanation<ImportanceValues>>("importance", members, data, undefined, run as typeof run & Record<string, unknown>, workers)
    : await importance(members, data, run);
  const byFeature = new Map<string, FeatureReliance["members"]>();
  for (const r of results) {
    if (!(r.values.baseLoss > 0)) {
      throw new ExplainError(`model \`${r.model}\` has loss ${r.values.baseLoss} on the data; reliance (a ratio of losses) needs a positive loss`);
    }
    for (const f of r.values.features) {
      const list = byFeature.get(f.feature) ?? [];
      list.push({ model: r.model, ratio: f.ratio, dropout: f.dropout, sd: f.sd });
      byFeature.set(f.feature, list);
    }
  }
  const features = [...byFeature].map(([feature, list]): FeatureReliance => {
    let lo = list[0], hi = list[0];
    for (const m of list) { if (m.ratio < lo.ratio) lo = m; if (m.ratio > hi.ratio) hi = m; }
    return { feature, mcrMinus: lo.ratio, mcrPlus: hi.ratio, minModel: lo.model, maxModel: hi.model, members: list };
  });
  features.sort((a, b) => b.mcrPlus - a.mcrPlus || (a.feature < b.feature ? -1 : 1));
  return { loss: results[0].values.loss, repeats, seed, features };
}
