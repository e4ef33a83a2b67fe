// Evaluating one hypothesis on one model: each kind computes the explanation it rests on and
// returns a verdict with the numbers behind it.
import type { Batch, Predictor } from "../model/types";
import { ale } from "../explain/ale";
import { isNumeric } from "../explain/batch";
import { checkFeature, ExplainError } from "../explain/errors";
import { sortedFinite } from "../explain/grid";
import { importance as permutationImportance } from "../explain/importance";
import type { RunOptions } from "../explain/models";
import { pdp } from "../explain/pdp";
import { observationBatch } from "../explain/shapley";
import { sliceRows, sliceText } from "../explain/rashomon/conditions";
import { friedmanH } from "../explain/rashomon/friedman";
import { cachedPredict } from "../explain/rashomon/predictions";
import { lossOf, outcome, resolveLoss } from "../explain/rashomon/stats";
import { faithfulness } from "../explain/checks/faithfulness";
import { stability } from "../explain/checks/stability";
import { shap, type ShapMethod } from "../explain/shap";
import type { EffectSign, Faithful, Hypothesis, ImportanceBound, Interaction, Monotone, MoreImportant, PredictionSide, SlicePerformance, Stable } from "./types";

export interface CheckOptions extends RunOptions {
  /** the outcome column (needed by importance and slice-performance hypotheses) */
  target?: string;
  positiveClass?: string | number;
}

export interface Verdict { holds: boolean; evidence: Record<string, unknown> }

/** Checks that do not depend on the model: the features exist, the effect feature varies, … */
export function validate(h: Hypothesis, data: Batch, options: CheckOptions): void {
  const features = h.kind === "monotone" || h.kind === "effectSign" || h.kind === "importance" ? [h.feature]
    : h.kind === "moreImportant" || h.kind === "interaction" ? [h.a, h.b]
    : h.kind === "slicePerformance" ? h.conditions.map((c) => c.feature) : [];
  for (const f of features) {
    try { checkFeature(data, f); } catch (e) { throw new ExplainError(`hypothesis "${h.text}": ${(e as Error).message}`); }
  }
  if ((h.kind === "importance" || h.kind === "moreImportant" || h.kind === "slicePerformance" || (h.kind === "stable" && h.of === "importance")) && options.target === undefined) {
    throw new ExplainError(`hypothesis "${h.text}" needs the outcome: pass { target: "column" } to check`);
  }
  if (h.kind === "monotone") {
    const col = data.columns[h.feature];
    if (!isNumeric(col)) throw new ExplainError(`hypothesis "${h.text}": \`${h.feature}\` is categorical; monotonicity needs a numeric feature (use effectSign between two levels)`);
    const s = sortedFinite(col);
    if (s.length === 0 || s[0] === s[s.length - 1]) {
      throw new ExplainError(`hypothesis "${h.text}": \`${h.feature}\` is constant in the data (${s.length ? `always ${s[0]}` : "all missing"}); there are no steps to test`);
    }
  }
}

/** The model's effect curve for a feature: x values and effect values. */
async function curve(model: Predictor, data: Batch, feature: string, on: "pdp" | "ale", resolution: number, run: RunOptions, grid?: (number | string)[]) {
  if (on === "pdp") {
    const r = await pdp(model, data, feature, { grid: grid ?? { size: resolution }, signal: run.signal });
    return { x: r.values.grid, y: r.values.average };
  }
  const r = await ale(model, data, feature, { bins: resolution, signal: run.signal });
  const v = r.values;
  return v.kind === "numeric" ? { x: v.edges as (number | string)[], y: v.ale } : { x: v.levels as (number | string)[], y: v.ale };
}

async function monotone(h: Monotone, model: Predictor, data: Batch, run: RunOptions): Promise<Verdict> {
  const { x, y } = await curve(model, data, h.feature, h.on, h.resolution, run);
  const sign = h.direction === "increasing" ? 1 : -1;
  // the worst step is the one most against the stated direction
  let worst = Infinity, at = 0;
  for (let k = 0; k + 1 < y.length; k++) {
    const step = sign * (y[k + 1] - y[k]);
    if (step < worst) { worst = step; at = k; }
  }
  const against = y.slice(1).filter((v, k) => sign * (v - y[k]) < -h.tolerance).length;
  return {
    holds: worst >= -h.tolerance,
    // the curve itself travels with the verdict, so a view can draw every model's effect without recomputing
    evidence: { worstStep: sign * worst, from: x[at], to: x[at + 1], stepsAgainst: against, steps: y.length - 1, range: Math.max(...y) - Math.min(...y), curve: { x: [...x], y: [...y] } },
  };
}

/** ALE at a numeric value: linear interpolation between edges (clamped at the ends). */
function interpolate(x: (number | string)[], y: number[], at: number | string): number {
  if (typeof x[0] !== "number") {
    const k = x.indexOf(String(at));
    if (k < 0) throw new ExplainError(`\`${String(at)}\` is not a level of the feature; levels: ${x.join(", ")}`);
    return y[k];
  }
  const v = Number(at), xs = x as number[];
  if (v <= xs[0]) return y[0];
  for (let k = 1; k < xs.length; k++) if (v <= xs[k]) return y[k - 1] + ((v - xs[k - 1]) / (xs[k] - xs[k - 1])) * (y[k] - y[k - 1]);
  return y[y.length - 1];
}

async function effectSign(h: EffectSign, model: Predictor, data: Batch, run: RunOptions): Promise<Verdict> {
  let atFrom: number, atTo: number;
  if (h.on === "pdp") {
    const { y } = await curve(model, data, h.feature, "pdp", 0, run, [h.from, h.to]);
    [atFrom, atTo] = y;
  } else {
    const { x, y } = await curve(model, data, h.feature, "ale", 20, run);
    atFrom = interpolate(x, y, h.from); atTo = interpolate(x, y, h.to);
  }
  const difference = atTo - atFrom;
  return { holds: h.sign === "positive" ? difference > 0 : difference < 0, evidence: { atFrom, atTo, difference } };
}

async function dropouts(model: Predictor, data: Batch, features: string[], h: { loss?: string; repeats: number; seed: number }, options: CheckOptions) {
  const r = await permutationImportance(model, data, { target: options.target!, positiveClass: options.positiveClass, features, loss: h.loss, repeats: h.repeats, seed: h.seed, signal: options.signal });
  return { loss: r.values.loss, get: (f: string) => r.values.features.find((x) => x.feature === f)! };
}

async function moreImportant(h: MoreImportant, model: Predictor, data: Batch, options: CheckOptions): Promise<Verdict> {
  const d = await dropouts(model, data, [h.a, h.b], h, options);
  const a = d.get(h.a), b = d.get(h.b);
  const pick = (f: typeof a) => ({ dropout: f.dropout, lower: f.lower, upper: f.upper });
  const separated = a.lower > b.upper;
  return { holds: a.dropout > b.dropout && (!h.separate || separated), evidence: { loss: d.loss, [h.a]: pick(a), [h.b]: pick(b), separated } };
}

async function importanceBound(h: ImportanceBound, model: Predictor, data: Batch, options: CheckOptions): Promise<Verdict> {
  const d = await dropouts(model, data, [h.feature], h, options);
  const f = d.get(h.feature);
  const value = h.measure === "ratio" ? f.ratio : f.dropout;
  return {
    holds: h.side === "above" ? value > h.threshold : value < h.threshold,
    evidence: { loss: d.loss, value, dropout: f.dropout, ratio: f.ratio, lower: f.lower, upper: f.upper, ...(f.note ? { note: f.note } : {}) },
  };
}

async function interaction(h: Interaction, model: Predictor, data: Batch, run: RunOptions): Promise<Verdict> {
  const r = await friedmanH(model, data, h.a, h.b, { rows: h.rows, seed: h.seed, signal: run.signal });
  return { holds: r.h2 > h.above, evidence: { h2: r.h2, h: r.h, rows: r.rows } };
}

async function slicePerformance(h: SlicePerformance, model: Predictor, data: Batch, options: CheckOptions): Promise<Verdict> {
  const rows = sliceRows(data, h.conditions);
  if (rows.length === 0) throw new ExplainError(`hypothesis "${h.text}": no rows meet ${sliceText(h.conditions)}`);
  const metric = resolveLoss(h.metric, model.task);
  const y = outcome(model, data, options.target!, options.positiveClass);
  const p = await cachedPredict(model, data, { signal: options.signal });
  const overall = lossOf(metric, y, p);
  const slice = lossOf(metric, rows.map((i) => y[i]), rows.map((i) => p[i]));
  return { holds: Math.abs(slice - overall) <= h.within, evidence: { metric, slice, overall, difference: slice - overall, support: rows.length } };
}

async function predictionSide(h: PredictionSide, model: Predictor, data: Batch, run: RunOptions): Promise<Verdict> {
  let prediction: number;
  if (typeof h.observation === "number") {
    const row = h.observation;
    if (!(Number.isInteger(row) && row >= 0 && row < data.n)) throw new ExplainError(`hypothesis "${h.text}": row ${row} is outside the data (rows 0…${data.n - 1})`);
    prediction = (await cachedPredict(model, data, run))[row];
  } else {
    const batch = observationBatch(h.observation, model.features, data);
    prediction = (await model.predict(batch, { signal: run.signal }))[0];
  }
  return { holds: h.side === "above" ? prediction > h.threshold : prediction < h.threshold, evidence: { prediction, threshold: h.threshold } };
}

function checkRow(h: { text: string }, row: number, data: Batch): void {
  if (!(Number.isInteger(row) && row >= 0 && row < data.n)) throw new ExplainError(`hypothesis "${h.text}": row ${row} is outside the data (rows 0…${data.n - 1})`);
}

async function stable(h: Stable, model: Predictor, data: Batch, options: CheckOptions): Promise<Verdict> {
  if (h.row !== undefined) checkRow(h, h.row, data);
  const s = await stability((seed) => h.of === "shap"
    ? shap(model, data, { row: h.row!, method: (h.method ?? "auto") as ShapMethod, seed, signal: options.signal })
    : permutationImportance(model, data, { target: options.target!, positiveClass: options.positiveClass, seed, signal: options.signal }),
  { runs: h.runs, signal: options.signal });
  const rho = s.values.rankCorrelation;
  // an exact method gives the same ranks every time: ρ is then 1 (or NaN when every value ties)
  return { holds: Number.isNaN(rho) ? s.values.features.every((f) => f.sd === 0) : rho >= h.minRankCorrelation, evidence: { rankCorrelation: rho, top: s.values.top, text: s.values.text } };
}

async function faithful(h: Faithful, model: Predictor, data: Batch, options: CheckOptions): Promise<Verdict> {
  checkRow(h, h.row, data);
  const e = await shap(model, data, { row: h.row, method: (h.method ?? "auto") as ShapMethod, signal: options.signal });
  const f = await faithfulness(model, data, e, { row: h.row, randomOrders: h.randomOrders, signal: options.signal });
  return { holds: f.values.deletionBeatsRandom >= h.beats, evidence: { beatsRandom: f.values.deletionBeatsRandom, insertionBeatsRandom: f.values.insertionBeatsRandom, method: e.params.method, text: f.values.text } };
}

/** The verdict of one hypothesis on one model. */
export function evaluate(h: Hypothesis, model: Predictor, data: Batch, options: CheckOptions): Promise<Verdict> {
  switch (h.kind) {
    case "monotone": return monotone(h, model, data, options);
    case "effectSign": return effectSign(h, model, data, options);
    case "moreImportant": return moreImportant(h, model, data, options);
    case "importance": return importanceBound(h, model, data, options);
    case "interaction": return interaction(h, model, data, options);
    case "slicePerformance": return slicePerformance(h, model, data, options);
    case "predictionSide": return predictionSide(h, model, data, options);
    case "stable": return stable(h, model, data, options);
    case "faithful": return faithful(h, model, data, options);
    default: throw new ExplainError(`unknown hypothesis kind \`${(h as { kind: string }).kind}\``);
  }
}
