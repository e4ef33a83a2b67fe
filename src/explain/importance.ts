// Permutation importance (loss-based): how much a model's loss grows when a feature (or a group of
// features permuted together) is shuffled across rows, B times. All permuted copies go into one
// batch and one predict call per model.
import type { Batch, Column, Predictor } from "../model/types";
import type { Explanation } from "./types";
import { isNumeric } from "./batch";
import { checkFeature, checkFinite, checkModelInputs, checkNotEmpty, ExplainError } from "./errors";
import { treePermutedScores } from "./importance-trees";
import { engineName, engineOf } from "./trees";
import { quantile } from "./grid";
import { finish, modelColumns, now, perModel, predictChecked, type RunOptions } from "./models";
import { auc, binaryLabels, logLoss, mae, mse, numericTarget, r2, rmse, accuracy, brier } from "./performance";
import { permutation, rng } from "./random";
import { checkPopulation, dropoutSe } from "./sampling-error";

/**
 * Losses (lower is better). For scikit-learn comparability, `dropout` under "mse" equals
 * sklearn's score drop for neg_mean_squared_error, "1-r2" for r2, "error-rate" for accuracy,
 * "1-auc" for roc_auc, "logloss" for neg_log_loss; those scorer names are accepted as aliases.
 */
export type LossName = "rmse" | "mse" | "mae" | "1-r2" | "logloss" | "1-auc" | "error-rate" | "brier";

const aliases: Record<string, LossName> = {
  r2: "1-r2", neg_mean_squared_error: "mse", neg_root_mean_squared_error: "rmse", neg_mean_absolute_error: "mae",
  accuracy: "error-rate", roc_auc: "1-auc", neg_log_loss: "logloss", neg_brier_score: "brier",
};
const regressionLosses = new Set<LossName>(["rmse", "mse", "mae", "1-r2"]);
const lossFunctions: Record<LossName, (y: ArrayLike<number>, p: ArrayLike<number>) => number> = {
  rmse, mse, mae, "1-r2": (y, p) => 1 - r2(y, p), logloss: (y, p) => logLoss(y, p),
  "1-auc": (y, p) => 1 - auc(y, p), "error-rate": (y, p) => 1 - accuracy(y, p), brier,
};

export function resolveLoss(name: string | undefined, task: Predictor["task"]): LossName {
  const loss = (name === undefined ? (task === "regression" ? "rmse" : "1-auc") : aliases[name] ?? name) as LossName;
  if (!(loss in lossFunctions)) {
    throw new ExplainError(`unknown loss \`${name}\`; use one of ${Object.keys(lossFunctions).join(", ")} (or a scikit-learn scorer name: ${Object.keys(aliases).join(", ")})`);
  }
  if ((task === "regression") !== regressionLosses.has(loss)) {
    throw new ExplainError(`loss \`${loss}\` does not apply to a ${task} model`);
  }
  return loss;
}

export interface FeatureImportance {
  /** the feature, or the group's name */
  feature: string;
  /** the columns permuted together (one for a single feature) */
  columns: string[];
  /** loss on the unpermuted data */
  baseLoss: number;
  /** mean loss over the repeats with these columns permuted */
  loss: number;
  /** loss − baseLoss: the importance (0 for a feature the model ignores) */
  dropout: number;
  /** loss / baseLoss: model reliance (Fisher, Rudin & Dominici 2019) */
  ratio: number;
  /** sample standard deviation (n − 1) of the per-repeat dropouts */
  sd: number;
  /** 2.5% and 97.5% quantiles (type 7) of the per-repeat dropouts */
  lower: number;
  upper: number;
  /** the permuted loss of each repeat */
  losses: number[];
  /** e.g. why the importance is exactly 0 */
  note?: string;
  /** on a sample of a larger table (`population`): the dropout's Monte-Carlo standard error relative to that table */
  se?: number;
}

export interface ImportanceValues {
  loss: LossName;
  baseLoss: number;
  /** sorted by dropout, largest first */
  features: FeatureImportance[];
}

export interface ImportanceOptions extends RunOptions {
  /** the column holding the observed outcome */
  target: string;
  positiveClass?: string | number;
  /** single features to permute (default: the model's features not in a group) */
  features?: string[];
  /** columns permuted together, by group name; "one-hot" finds blocks `prefix_level` of 0/1 columns */
  groups?: Record<string, string[]> | "one-hot";
  /** a LossName or scikit-learn scorer name (default rmse for regression, 1-auc for classification) */
  loss?: string;
  /** repeats per feature (default 10) */
  repeats?: number;
  seed?: number;
  /** explicit row indices per unit (groups first, then features, in order) per repeat: permuted value at row i = original at perm[i] */
  permutations?: Int32Array[][];
  /**
   * rows of the table `data` was sampled from (without replacement): each dropout then carries its
   * standard error relative to that table, from the per-row loss differences (sampling-error.ts)
   */
  population?: number;
}

/** Blocks of 0/1 numeric columns sharing a `prefix` + separator, at least two per block. */
export function oneHotGroups(data: Batch, columns: readonly string[], separator = "_"): Record<string, string[]> {
  const blocks: Record<string, string[]> = Object.create(null);
  for (const c of columns) {
    const cut = c.lastIndexOf(separator);
    const col = data.columns[c];
    if (cut <= 0 || !col || !isNumeric(col) || col.some((v) => v !== 0 && v !== 1)) continue;
    (blocks[c.slice(0, cut)] ??= []).push(c);
  }
  for (const k of Object.keys(blocks)) if (blocks[k].length < 2) delete blocks[k];
  return blocks;
}

interface Unit { name: string; columns: string[] }

function units(model: Predictor, data: Batch, options: ImportanceOptions): Unit[] {
  const groups = options.groups === "one-hot" ? oneHotGroups(data, model.features) : options.groups ?? {};
  const grouped = new Set(Object.values(groups).flat());
  const out: Unit[] = Object.entries(groups).map(([name, columns]) => {
    if (columns.length === 0) throw new ExplainError(`group \`${name}\` has no columns`);
    for (const c of columns) checkFeature(data, c);
    return { name, columns };
  });
  for (const f of options.features ?? model.features.filter((f) => !grouped.has(f))) {
    checkFeature(data, f);
    out.push({ name: f, columns: [f] });
  }
  if (out.length === 0) throw new ExplainError("no features to permute");
  return out;
}

/**
 * The batch [original; unit 0 repeat 0; unit 0 repeat 1; …], each copy n rows.
 * Hot path: each column is written segment by segment into one typed array.
 */
function permutedBatch(base: Batch, unitList: Unit[], perms: Int32Array[][]): Batch {
  const n = base.n, copies = 1 + perms.reduce((s, p) => s + p.length, 0);
  const columns: Record<string, Column> = Object.create(null);
  for (const [name, col] of Object.entries(base.columns)) {
    const typed = isNumeric(col);
    const out: any = typed ? new (col.constructor as Float64ArrayConstructor)(n * copies) : new Array(n * copies);
    let offset = 0;
    const copy = (perm: Int32Array | null) => {
      if (perm) for (let i = 0; i < n; i++) out[offset + i] = col[perm[i]];
      else if (typed) out.set(col, offset);
      else for (let i = 0; i < n; i++) out[offset + i] = col[i];
      offset += n;
    };
    copy(null);
    unitList.forEach((u, j) => { for (const p of perms[j]) copy(u.columns.includes(name) ? p : null); });
    columns[name] = out;
  }
  return { n: n * copies, columns };
}

function sampleSd(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}

export function importance(models: Predictor, data: Batch, options: ImportanceOptions): Promise<Explanation<ImportanceValues>>;
export function importance(models: readonly Predictor[], data: Batch, options: ImportanceOptions): Promise<Explanation<ImportanceValues>[]>;
/** Permutation importance of each feature (or group) for each model. */
export function importance(models: Predictor | readonly Predictor[], data: Batch, options: ImportanceOptions): Promise<any> {
  return perModel(models, options, async (model, run) => {
    const started = now();
    checkNotEmpty(data);
    checkModelInputs(model, data);
    const loss = resolveLoss(options.loss, model.task);
    const y = model.task === "regression"
      ? numericTarget(data, options.target)
      : binaryLabels(data, options.target, options.positiveClass ?? model.positiveClass);
    const unitList = units(model, data, options);
    const sample = options.population === undefined ? undefined : checkPopulation(options.population, data.n);
    const seed = options.seed ?? 0;
    const perms = options.permutations ?? drawPermutations(data.n, unitList.length, options.repeats ?? 10, seed);
    checkPermutations(perms, unitList, data.n);
    // only the model's columns are copied; a unit the model does not read still gets its copies (loss unchanged)
    const base = modelColumns(model, data);
    // by the trees when the model has a checked engine (only the trees a unit splits on are re-walked)
    const engine = await engineOf(model);
    const copies = 1 + perms.reduce((s, p) => s + p.length, 0);
    const scores = engine
      ? await treePermutedScores(engine, base, unitList, perms, run)
      : await predictChecked(model, permutedBatch(base, unitList, perms), run);
    if (engine) checkFinite(model, scores);
    const n = data.n, lossOf = lossFunctions[loss];
    const baseLoss = lossOf(y, scores.subarray(0, n));
    let copy = 1;
    const features = unitList.map((u, j): FeatureImportance => {
      const first = copy;
      const losses = perms[j].map(() => lossOf(y, scores.subarray(copy * n, ++copy * n)));
      const drops = losses.map((l) => l - baseLoss).sort((a, b) => a - b);
      const mean = losses.reduce((s, l) => s + l, 0) / losses.length;
      const constant = u.columns.every((c) => isConstant(data.columns[c]));
      const se = sample && dropoutSe(loss, y, scores.subarray(0, n), perms[j].map((_, b) => scores.subarray((first + b) * n, (first + b + 1) * n)), sample.of);
      return {
        feature: u.name, columns: u.columns, baseLoss, loss: mean, dropout: mean - baseLoss, ratio: mean / baseLoss,
        sd: sampleSd(drops), lower: quantile(drops, 0.025), upper: quantile(drops, 0.975), losses,
        ...(constant ? { note: "constant in the data: permuting it changes nothing" } : {}),
        ...(sample ? { se: se as number } : {}),
      };
    });
    features.sort((a, b) => b.dropout - a.dropout || (a.feature < b.feature ? -1 : 1));
    run.onProgress?.(1);
    return finish<ImportanceValues>(
      {
        kind: "importance", model: model.name,
        params: { engine: engineName(model, engine), target: options.target, loss, repeats: perms[0]?.length ?? 0, seed: options.permutations ? null : seed, permutations: options.permutations ? "given" : "seeded", ...(sample ? { sample, se: "delta method over per-row loss differences, finite-population corrected" } : {}), groups: Object.fromEntries(unitList.filter((u) => u.columns.length > 1 || u.columns[0] !== u.name).map((u) => [u.name, u.columns])) },
        values: { loss, baseLoss, features },
        ...(sample ? { se: features.map((f) => f.se) } : {}),
        evaluations: data.n * copies,
      },
      started,
    );
  });
}

/** B seeded permutations of 0..n−1 for each of `count` units, drawn unit by unit from one generator. */
export function drawPermutations(n: number, count: number, repeats: number, seed: number): Int32Array[][] {
  if (!(Number.isInteger(repeats) && repeats >= 1)) throw new ExplainError(`repeats must be a whole number ≥ 1 (got ${repeats})`);
  const random = rng(seed);
  return Array.from({ length: count }, () => Array.from({ length: repeats }, () => permutation(n, random)));
}

function checkPermutations(perms: Int32Array[][], unitList: Unit[], n: number): void {
  if (perms.length !== unitList.length) {
    throw new ExplainError(`permutations are given for ${perms.length} features; ${unitList.length} are permuted (${unitList.map((u) => u.name).join(", ")})`);
  }
  perms.forEach((ps, j) => {
    if (ps.length === 0 || ps.length !== perms[0].length) throw new ExplainError(`feature \`${unitList[j].name}\` has ${ps.length} permutations; every feature needs the same number ≥ 1`);
    ps.forEach((p, b) => {
      if (p.length !== n || p.some((i) => i < 0 || i >= n)) {
        throw new ExplainError(`permutation ${b} of \`${unitList[j].name}\` must hold ${n} row indices in 0 … ${n - 1}`);
      }
    });
  });
}

function isConstant(col: Column): boolean {
  for (let i = 1; i < col.length; i++) if (col[i] !== col[0] && !(Number.isNaN(col[i]) && Number.isNaN(col[0]))) return false;
  return true;
}
