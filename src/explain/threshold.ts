// Where the decision threshold bites: for a classifier's scores, the confusion at a chosen threshold,
// the sweep of precision/recall/cost over thresholds, the exact cost-weighted optimum, and the same
// metrics per slice of an attribute (selection rate, TPR, FPR per group, and their gaps).
// A row is predicted positive when its score ≥ threshold, as everywhere in crossexam.
import type { Batch, Column, Predictor } from "../model/types";
import type { Explanation } from "./types";
import { isNumeric } from "./batch";
import { checkModelInputs, checkNotEmpty, ExplainError } from "./errors";
import { finish, modelColumns, now, perModel, predictChecked, type RunOptions } from "./models";
import { binaryLabels } from "./performance";

/** Costs of the two errors, per row; the optimum minimises fp·cost.fp + fn·cost.fn. */
export interface Costs { fp: number; fn: number }

/** Counts and rates at one threshold (rates are NaN when their denominator is 0). */
export interface ThresholdMetrics {
  threshold: number;
  n: number;
  tp: number; fp: number; tn: number; fn: number;
  /** tp / (tp + fp) */
  precision: number;
  /** tp / (tp + fn), also the TPR */
  recall: number;
  /** fp / (fp + tn) */
  fpr: number;
  /** share predicted positive */
  selectionRate: number;
  accuracy: number;
  f1: number;
  /** mean cost per row: (fp·cost.fp + fn·cost.fn) / n */
  cost: number;
}

export interface GroupMetrics extends ThresholdMetrics { group: string }

/** Largest minus smallest value over the groups (NaN groups left out). */
export interface GroupGaps { selectionRate: number; recall: number; fpr: number; precision: number }

export interface ThresholdValues {
  costs: Costs;
  /** metrics at the chosen threshold */
  at: ThresholdMetrics;
  /** metrics over the sweep grid, lowest threshold first */
  sweep: ThresholdMetrics[];
  /** the threshold of least cost, searched exactly over every distinct score (and "none positive") */
  optimum: ThresholdMetrics;
  /** per slice of `groupBy`, at the chosen threshold */
  groups?: { attribute: string; rows: GroupMetrics[]; gaps: GroupGaps };
}

export interface ThresholdOptions extends RunOptions {
  target: string;
  positiveClass?: string | number;
  /** default 0.5 */
  threshold?: number;
  /** default {fp: 1, fn: 1} */
  costs?: Partial<Costs>;
  /** a column of the data whose values (or quartile bins, for a numeric column with many values) are the slices */
  groupBy?: string;
  /** thresholds in the sweep, evenly spaced over [min score, max score] (default 101) */
  sweepPoints?: number;
}

/** Counts of the four outcomes at `threshold`, over the rows in `rows` (all rows when absent). */
export function thresholdMetrics(
  y: ArrayLike<number>, p: ArrayLike<number>, threshold: number, costs: Costs, rows?: ArrayLike<number>,
): ThresholdMetrics {
  let tp = 0, fp = 0, tn = 0, fn = 0;
  const n = rows ? rows.length : y.length;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k] : k;
    if (p[i] >= threshold) y[i] === 1 ? tp++ : fp++;
    else y[i] === 1 ? fn++ : tn++;
  }
  return metricsFromCounts(threshold, tp, fp, tn, fn, costs);
}

function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

function metricsFromCounts(threshold: number, tp: number, fp: number, tn: number, fn: number, costs: Costs): ThresholdMetrics {
  const n = tp + fp + tn + fn;
  const precision = ratio(tp, tp + fp), recall = ratio(tp, tp + fn);
  return {
    threshold, n, tp, fp, tn, fn, precision, recall, fpr: ratio(fp, fp + tn),
    selectionRate: ratio(tp + fp, n), accuracy: ratio(tp + tn, n),
    f1: ratio(2 * tp, 2 * tp + fp + fn), cost: ratio(fp * costs.fp + fn * costs.fn, n),
  };
}

/**
 * The exact least-cost threshold: sorting scores once, every distinct score is tried as the
 * threshold (rows at or above it positive), plus +Infinity (no row positive). Ties in cost go to
 * the higher threshold (fewer positives).
 */
export function optimalThreshold(y: ArrayLike<number>, p: ArrayLike<number>, costs: Costs): ThresholdMetrics {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b] - p[a]);
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i] === 1 ? 1 : 0;
  // start with nothing positive
  let tp = 0, fp = 0;
  let best = { threshold: Infinity, tp: 0, fp: 0, cost: pos * costs.fn };
  for (let i = 0; i < n; ) {
    const t = p[order[i]];
    while (i < n && p[order[i]] === t) { y[order[i]] === 1 ? tp++ : fp++; i++; }
    const cost = fp * costs.fp + (pos - tp) * costs.fn;
    if (cost < best.cost - 1e-12 * Math.max(1, Math.abs(best.cost))) best = { threshold: t, tp, fp, cost };
  }
  return metricsFromCounts(best.threshold, best.tp, best.fp, n - pos - best.fp, pos - best.tp, costs);
}

/** Evenly spaced thresholds from the lowest to the highest score. */
export function sweepThresholds(p: ArrayLike<number>, points: number): number[] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < p.length; i++) { lo = Math.min(lo, p[i]); hi = Math.max(hi, p[i]); }
  if (points < 2 || lo === hi) return [lo];
  return Array.from({ length: points }, (_, k) => lo + ((hi - lo) * k) / (points - 1));
}

/** Slices of a column: its distinct values, or quartile bins for a numeric column with more than 12 values. */
export function groupRows(col: Column, n: number): { group: string; rows: number[] }[] {
  const key: string[] = new Array(n);
  if (isNumeric(col)) {
    const distinct = new Set<number>();
    for (let i = 0; i < n && distinct.size <= 12; i++) if (!Number.isNaN(col[i])) distinct.add(col[i]);
    if (distinct.size > 12) {
      const sorted = Array.from(col).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
      const cut = [0.25, 0.5, 0.75].map((q) => sorted[Math.floor(q * (sorted.length - 1))]);
      const edges = [...new Set(cut)];
      const fmt = (v: number) => Number(v.toPrecision(4)).toString();
      for (let i = 0; i < n; i++) {
        const v = col[i];
        if (Number.isNaN(v)) { key[i] = "missing"; continue; }
        let b = 0;
        while (b < edges.length && v >= edges[b]) b++;
        key[i] = b === 0 ? `< ${fmt(edges[0])}` : b === edges.length ? `≥ ${fmt(edges[b - 1])}` : `[${fmt(edges[b - 1])}, ${fmt(edges[b])})`;
      }
    } else {
      for (let i = 0; i < n; i++) key[i] = Number.isNaN(col[i]) ? "missing" : String(col[i]);
    }
  } else {
    for (let i = 0; i < n; i++) key[i] = col[i] === null || col[i] === undefined ? "missing" : String(col[i]);
  }
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const list = groups.get(key[i]);
    if (list) list.push(i); else groups.set(key[i], [i]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
    .map(([group, rows]) => ({ group, rows }));
}

function gap(rows: GroupMetrics[], key: keyof GroupGaps): number {
  const xs = rows.map((r) => r[key]).filter((v) => !Number.isNaN(v));
  return xs.length < 2 ? NaN : Math.max(...xs) - Math.min(...xs);
}

function resolveCosts(costs: Partial<Costs> | undefined): Costs {
  const c = { fp: costs?.fp ?? 1, fn: costs?.fn ?? 1 };
  for (const [k, v] of Object.entries(c)) {
    if (!(Number.isFinite(v) && v >= 0)) throw new ExplainError(`the cost of a ${k === "fp" ? "false positive" : "false negative"} must be a number ≥ 0 (got ${v})`);
  }
  if (c.fp === 0 && c.fn === 0) throw new ExplainError("at least one of the costs must be above 0");
  return c;
}

/** Everything a threshold panel shows, from scores already computed. */
export function scoreThresholds(
  y: ArrayLike<number>, p: ArrayLike<number>, options: Omit<ThresholdOptions, "target" | keyof RunOptions> & { group?: Column },
): ThresholdValues {
  const costs = resolveCosts(options.costs);
  const threshold = options.threshold ?? 0.5;
  if (!Number.isFinite(threshold)) throw new ExplainError(`threshold must be a finite number (got ${threshold})`);
  const values: ThresholdValues = {
    costs,
    at: thresholdMetrics(y, p, threshold, costs),
    sweep: sweepThresholds(p, options.sweepPoints ?? 101).map((t) => thresholdMetrics(y, p, t, costs)),
    optimum: optimalThreshold(y, p, costs),
  };
  if (options.group && options.groupBy) {
    const rows = groupRows(options.group, y.length).map(({ group, rows }) => ({ group, ...thresholdMetrics(y, p, threshold, costs, rows) }));
    values.groups = {
      attribute: options.groupBy, rows,
      gaps: { selectionRate: gap(rows, "selectionRate"), recall: gap(rows, "recall"), fpr: gap(rows, "fpr"), precision: gap(rows, "precision") },
    };
  }
  return values;
}

export function thresholds(models: Predictor, data: Batch, options: ThresholdOptions): Promise<Explanation<ThresholdValues>>;
export function thresholds(models: readonly Predictor[], data: Batch, options: ThresholdOptions): Promise<Explanation<ThresholdValues>[]>;
/** Decision-threshold analysis of each classifier on `data` (one Explanation per model). */
export function thresholds(models: Predictor | readonly Predictor[], data: Batch, options: ThresholdOptions): Promise<any> {
  return perModel(models, options, async (model, run) => {
    const started = now();
    if (model.task !== "classification") {
      throw new ExplainError(`model \`${model.name}\` is a regression model; decision thresholds apply to classifiers`);
    }
    checkNotEmpty(data);
    checkModelInputs(model, data);
    const group = options.groupBy === undefined ? undefined : data.columns[options.groupBy];
    if (options.groupBy !== undefined && group === undefined) {
      throw new ExplainError(`unknown attribute \`${options.groupBy}\` to slice by; the data has: ${Object.keys(data.columns).join(", ")}`);
    }
    const y = binaryLabels(data, options.target, options.positiveClass ?? model.positiveClass);
    const p = await predictChecked(model, modelColumns(model, data), run);
    const values = scoreThresholds(y, p, { ...options, group });
    run.onProgress?.(1);
    return finish<ThresholdValues>({
      kind: "threshold", model: model.name,
      params: {
        target: options.target, threshold: values.at.threshold, costs: values.costs, rule: "positive when score ≥ threshold",
        ...(options.groupBy ? { groupBy: options.groupBy } : {}),
        ...(model.positiveClass !== undefined ? { positiveClass: model.positiveClass } : {}),
      },
      values, evaluations: data.n,
    }, started);
  });
}
