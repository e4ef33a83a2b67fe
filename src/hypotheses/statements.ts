// Functions that make hypotheses: each returns a plain object carrying its parameters and a
// readable sentence. Nothing is computed here; `check` evaluates them on models.
import { ExplainError } from "../explain/errors";
import { sliceText, toCondition, type Condition } from "../explain/rashomon/conditions";
import type { EffectOn, EffectSign, Faithful, ImportanceBound, Interaction, Monotone, MoreImportant, PredictionSide, SlicePerformance, Stable } from "./types";

interface Common { expected?: boolean }
const ON: Record<EffectOn, string> = { pdp: "PD", ale: "ALE" };

function num(x: number | string): string {
  return typeof x === "number" ? Number(x.toPrecision(4)).toString() : x;
}
function checkOn(on: string): EffectOn {
  if (on !== "pdp" && on !== "ale") throw new ExplainError(`unknown effect \`${on}\`; use 'pdp' or 'ale'`);
  return on;
}
function checkNumber(name: string, x: number): number {
  if (!Number.isFinite(x)) throw new ExplainError(`${name} must be a finite number (got ${x})`);
  return x;
}
function expected(options: Common): Common {
  return options.expected === undefined ? {} : { expected: options.expected };
}

/** The effect of `feature` rises (or falls) everywhere: every successive step ≥ −tolerance. */
export function monotone(
  feature: string, direction: "increasing" | "decreasing",
  options: Common & { on?: EffectOn; tolerance?: number; resolution?: number } = {},
): Monotone {
  if (direction !== "increasing" && direction !== "decreasing") throw new ExplainError(`direction must be 'increasing' or 'decreasing' (got ${direction})`);
  const on = checkOn(options.on ?? "pdp"), tolerance = checkNumber("tolerance", options.tolerance ?? 0);
  return {
    kind: "monotone", feature, direction, on, tolerance, resolution: options.resolution ?? 20, ...expected(options),
    text: `effect of ${feature} is ${direction} (${ON[on]}, tolerance ${num(tolerance)})`,
  };
}

/** The effect at `to` minus the effect at `from` is positive (or negative). */
export function effectSign(
  feature: string, range: { from: number | string; to: number | string }, sign: "positive" | "negative",
  options: Common & { on?: EffectOn } = {},
): EffectSign {
  if (sign !== "positive" && sign !== "negative") throw new ExplainError(`sign must be 'positive' or 'negative' (got ${sign})`);
  const on = checkOn(options.on ?? "pdp");
  return {
    kind: "effectSign", feature, from: range.from, to: range.to, sign, on, ...expected(options),
    text: `effect of ${feature} from ${num(range.from)} to ${num(range.to)} is ${sign} (${ON[on]})`,
  };
}

/** Permuting `a` costs more loss than permuting `b`. */
export function moreImportant(
  a: string, b: string, options: Common & { loss?: string; repeats?: number; seed?: number; separate?: boolean } = {},
): MoreImportant {
  if (a === b) throw new ExplainError(`compare two different features; got \`${a}\` twice`);
  const separate = options.separate ?? false;
  return {
    kind: "moreImportant", a, b, repeats: options.repeats ?? 10, seed: options.seed ?? 0, separate, ...expected(options),
    ...(options.loss ? { loss: options.loss } : {}),
    text: `${a} is more important than ${b} (permutation dropout${options.loss ? `, ${options.loss}` : ""}${separate ? ", 95% intervals separate" : ""})`,
  };
}

/** The permutation importance of `feature` (dropout = loss increase, or ratio = model reliance) is above/below a threshold. */
export function importance(
  feature: string, side: "above" | "below", threshold: number,
  options: Common & { measure?: "dropout" | "ratio"; loss?: string; repeats?: number; seed?: number } = {},
): ImportanceBound {
  if (side !== "above" && side !== "below") throw new ExplainError(`side must be 'above' or 'below' (got ${side})`);
  const measure = options.measure ?? "dropout";
  if (measure !== "dropout" && measure !== "ratio") throw new ExplainError(`measure must be 'dropout' or 'ratio' (got ${measure})`);
  return {
    kind: "importance", feature, side, threshold: checkNumber("threshold", threshold), measure,
    repeats: options.repeats ?? 10, seed: options.seed ?? 0, ...(options.loss ? { loss: options.loss } : {}), ...expected(options),
    text: `importance of ${feature} (${measure === "ratio" ? "model reliance" : "dropout"}${options.loss ? `, ${options.loss}` : ""}) is ${side} ${num(threshold)}`,
  };
}

/** Friedman's H² of the pair exceeds `above`. */
export function interaction(a: string, b: string, options: Common & { above: number; rows?: number; seed?: number }): Interaction {
  if (a === b) throw new ExplainError(`an interaction needs two different features; got \`${a}\` twice`);
  const above = checkNumber("above", options.above);
  return {
    kind: "interaction", a, b, above, rows: options.rows ?? 100, seed: options.seed ?? 0, ...expected(options),
    text: `interaction of ${a} and ${b} has H² above ${num(above)}`,
  };
}

/** Performance on the rows meeting the condition(s) is within δ of performance on all rows. */
export function slicePerformance(
  condition: Condition | string | readonly (Condition | string)[], options: Common & { within: number; metric?: string },
): SlicePerformance {
  const conditions = (Array.isArray(condition) ? condition : [condition]).map(toCondition);
  if (conditions.length === 0) throw new ExplainError("a slice needs at least one condition");
  const within = checkNumber("within", options.within);
  return {
    kind: "slicePerformance", conditions, within, ...(options.metric ? { metric: options.metric } : {}), ...expected(options),
    text: `${options.metric ?? "loss"} on ${sliceText(conditions)} is within ${num(within)} of all rows`,
  };
}

/** The model's prediction for a row (index) or an edited observation is above/below a threshold. */
export function predictionSide(
  observation: number | Record<string, unknown>, side: "above" | "below", threshold: number, options: Common = {},
): PredictionSide {
  if (side !== "above" && side !== "below") throw new ExplainError(`side must be 'above' or 'below' (got ${side})`);
  const what = typeof observation === "number"
    ? `row ${observation}`
    : `{${Object.entries(observation).slice(0, 4).map(([k, v]) => `${k}: ${typeof v === "number" ? num(v) : String(v)}`).join(", ")}${Object.keys(observation).length > 4 ? ", …" : ""}}`;
  return {
    kind: "predictionSide", observation: typeof observation === "number" ? observation : { ...observation }, side,
    threshold: checkNumber("threshold", threshold), ...expected(options),
    text: `prediction for ${what} is ${side} ${num(threshold)}`,
  };
}

/** A sampled explanation (SHAP of a row, or permutation importance) ranks features alike under other seeds. */
export function stable(
  of: "shap" | "importance", options: Common & { row?: number; method?: string; runs?: number; minRankCorrelation?: number } = {},
): Stable {
  if (of !== "shap" && of !== "importance") throw new ExplainError(`stable checks 'shap' or 'importance' (got ${of})`);
  if (of === "shap" && options.row === undefined) throw new ExplainError("stable('shap', …) needs the row to explain: {row: i}");
  const min = checkNumber("minRankCorrelation", options.minRankCorrelation ?? 0.9);
  const runs = options.runs ?? 5;
  return {
    kind: "stable", of, ...(options.row !== undefined ? { row: options.row } : {}), ...(options.method ? { method: options.method } : {}),
    runs, minRankCorrelation: min, ...expected(options),
    text: `${of === "shap" ? `SHAP of row ${options.row}` : "permutation importance"}${options.method ? ` (${options.method})` : ""} is stable over ${runs} seeds (rank correlation ≥ ${num(min)})`,
  };
}

/** The SHAP values of a row are faithful: deleting features in their order drops the prediction faster than `beats` of random orders. */
export function faithful(row: number, options: Common & { method?: string; beats?: number; randomOrders?: number } = {}): Faithful {
  const beats = checkNumber("beats", options.beats ?? 0.8);
  if (beats < 0 || beats > 1) throw new ExplainError(`beats is a share of random orders, from 0 to 1 (got ${beats})`);
  return {
    kind: "faithful", row, ...(options.method ? { method: options.method } : {}), beats, randomOrders: options.randomOrders ?? 20, ...expected(options),
    text: `SHAP of row ${row}${options.method ? ` (${options.method})` : ""} is faithful: deletion beats ${Math.round(100 * beats)}% of random orders`,
  };
}
