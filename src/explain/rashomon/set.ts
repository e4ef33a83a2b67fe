// The Rashomon set: every candidate whose loss is within ε of the best one (Semenova, Rudin & Parr
// 2022; Fisher, Rudin & Dominici 2019). Pure in (candidates, data, metric, ε): predictions are
// cached per (model, batch), so calling again with another ε costs no model calls.
import type { Batch, Predictor } from "../../model/types";
import { ExplainError } from "../errors";
import type { RunOptions } from "../models";
import { predictAll } from "./predictions";
import { lossOf, outcome, resolveLoss, type LossName } from "./stats";

export interface RashomonOptions extends RunOptions {
  /** the column holding the observed outcome */
  target: string;
  /** a loss (lower is better): rmse, mse, mae, 1-r2, logloss, 1-auc, error-rate, brier (default rmse / 1-auc) */
  metric?: string;
  /** how far from the best a member may be: an absolute loss difference, or a fraction when `relative` */
  epsilon: number;
  /** loss ≤ best·(1 + ε) instead of loss ≤ best + ε */
  relative?: boolean;
  positiveClass?: string | number;
}

export interface RashomonScore { model: string; loss: number; withinEpsilon: boolean }

export interface RashomonSet {
  members: Predictor[];
  excluded: Predictor[];
  best: Predictor;
  /** every candidate's loss, in the order given */
  scores: RashomonScore[];
  metric: LossName;
  epsilon: number;
  mode: "absolute" | "relative";
  /** the largest loss a member may have */
  threshold: number;
  /** a sentence stating the rule, for display */
  rule: string;
}

export async function rashomonSet(candidates: readonly Predictor[], data: Batch, options: RashomonOptions): Promise<RashomonSet> {
  if (candidates.length === 0) throw new ExplainError("no candidate models given; pass a non-empty array of Predictors");
  const names = new Set<string>();
  for (const m of candidates) {
    if (names.has(m.name)) throw new ExplainError(`two candidates are named \`${m.name}\`; names must be unique within a set`);
    names.add(m.name);
  }
  const task = candidates[0].task;
  const other = candidates.find((m) => m.task !== task);
  if (other) throw new ExplainError(`candidates mix tasks: \`${candidates[0].name}\` is ${task}, \`${other.name}\` is ${other.task}`);
  const { epsilon } = options;
  if (!(Number.isFinite(epsilon) && epsilon >= 0)) throw new ExplainError(`epsilon must be a number ≥ 0 (got ${epsilon})`);
  const metric = resolveLoss(options.metric, task);
  const scores = await predictAll(candidates, data, options);
  const losses = candidates.map((m, k) => lossOf(metric, outcome(m, data, options.target, options.positiveClass), scores[k]));
  let bestIndex = 0;
  losses.forEach((l, k) => { if (l < losses[bestIndex]) bestIndex = k; });
  const bestLoss = losses[bestIndex];
  const mode = options.relative ? "relative" : "absolute";
  const threshold = mode === "relative" ? bestLoss * (1 + epsilon) : bestLoss + epsilon;
  const within = losses.map((l) => l <= threshold);
  return {
    members: candidates.filter((_, k) => within[k]),
    excluded: candidates.filter((_, k) => !within[k]),
    best: candidates[bestIndex],
    scores: candidates.map((m, k) => ({ model: m.name, loss: losses[k], withinEpsilon: within[k] })),
    metric, epsilon, mode, threshold,
    rule: mode === "relative"
      ? `${metric} ≤ (1 + ${epsilon}) × best (${fmt(bestLoss)}) = ${fmt(threshold)}`
      : `${metric} ≤ best (${fmt(bestLoss)}) + ${epsilon} = ${fmt(threshold)}`,
  };
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
