// The automated audit: a battery of checks run on one model, a list (the first is the champion) or
// a Rashomon set (its best model is the focus): where errors concentrate, where a set disagrees,
// effects that are not monotone or are jagged, the strongest interactions, a feature dominating
// importance (possible leakage), and local explanations clustered into prototypes.
import type { Batch, Predictor } from "../model/types";
import { isNumeric, takeRows } from "../explain/batch";
import { ExplainError } from "../explain/errors";
import { sortedFinite } from "../explain/grid";
import { importance } from "../explain/importance";
import { now, type RunOptions } from "../explain/models";
import { pdp } from "../explain/pdp";
import { rng, sampleIndices } from "../explain/random";
import { shapRows, type ShapRowsValues } from "../explain/shap-rows";
import type { Explanation } from "../explain/types";
import { disagreement, disagreementSlices } from "../explain/rashomon/disagreement";
import { pairwiseH } from "../explain/rashomon/friedman";
import { cachedPredict } from "../explain/rashomon/predictions";
import { searchSlices } from "../explain/rashomon/slices";
import { outcome, rowErrors } from "../explain/rashomon/stats";
import { disagreementFindings, dominanceFindings, errorSliceFindings, interactionFindings, prototypeFinding, shapeFindings } from "./checks";
import { effectShape } from "./effect-shape";
import { kmeans } from "./kmeans";
import type { Audit, Finding } from "./types";

export interface AuditOptions extends RunOptions {
  target: string;
  positiveClass?: string | number;
  /** smallest slice, rows or share of the data (default 0.05) */
  minSupport?: number;
  /** rows sampled for effects, interactions and prototypes (default 300) */
  sampleRows?: number;
  /** features checked for effect shape and interactions, by importance (default 4) */
  topFeatures?: number;
  /** permutation repeats for importance (default 5) */
  repeats?: number;
  /** rows per H statistic (default 40; each pair costs 3·rows² predictions) */
  interactionRows?: number;
  /** share of total dropout above which one feature is flagged (default 0.5) */
  dominance?: number;
  /** H² above which an interaction is reported (default 0.05) */
  interactionAbove?: number;
  /** non-monotonicity (min(up, down)/(up + down)) above which an effect is reported (default 0.1) */
  nonMonotone?: number;
  /** total variation ÷ range above which an effect with ≥ 4 changes of direction is jagged (default 1.5) */
  jagged?: number;
  /**
   * SHAP prototypes: rows explained (default 40), clusters (default 3), background rows (default 50),
   * or `from`: SHAP values of many rows already computed (crossexam.shapRows); false to skip
   */
  prototypes?: false | { rows?: number; k?: number; background?: number; from?: Explanation<ShapRowsValues> };
  seed?: number;
}

type Models = Predictor | readonly Predictor[] | { members: readonly Predictor[]; best?: Predictor };

function resolveModels(models: Models): { list: readonly Predictor[]; focus: Predictor } {
  if (Array.isArray(models)) {
    if (models.length === 0) throw new ExplainError("no models to audit");
    return { list: models, focus: models[0] };
  }
  if ("members" in (models as object)) {
    const set = models as { members: readonly Predictor[]; best?: Predictor };
    if (set.members.length === 0) throw new ExplainError("the set has no members to audit");
    return { list: set.members, focus: set.best ?? set.members[0] };
  }
  return { list: [models as Predictor], focus: models as Predictor };
}

export async function audit(models: Models, data: Batch, options: AuditOptions): Promise<Audit> {
  const started = now();
  const { list, focus } = resolveModels(models);
  const seed = options.seed ?? 0, run = { signal: options.signal };
  const minSupport = options.minSupport ?? 0.05;
  const features = [...focus.features];
  const findings: Finding[] = [];
  const progress = (f: number) => options.onProgress?.(f);

  // 1. where the focus model errs most
  const y = outcome(focus, data, options.target, options.positiveClass);
  const p = await cachedPredict(focus, data, run);
  const errors = rowErrors(focus.task, y, p);
  findings.push(...errorSliceFindings(focus, searchSlices(data, errors, { exclude: [options.target], minSupport, top: 30 }), focus.task === "regression" ? "absolute error" : "log-loss", 2));
  progress(0.15);

  // 2. where the set disagrees
  if (list.length >= 2) {
    const d = await disagreement(list, data, run);
    findings.push(...disagreementFindings(d.models, await disagreementSlices(d, data, { features: Object.keys(data.columns).filter((c) => c !== options.target), minSupport, top: 30 }), 2));
  }
  progress(0.3);

  // 3. importance: one dominating feature; the top features feed the next checks
  const imp = await importance(focus, data, { target: options.target, positiveClass: options.positiveClass, repeats: options.repeats ?? 5, seed, signal: options.signal });
  findings.push(...dominanceFindings(focus, imp.values.features, options.dominance ?? 0.5));
  const top = imp.values.features.filter((f) => f.dropout > 0 && f.columns.length === 1).slice(0, options.topFeatures ?? 4).map((f) => f.feature);
  progress(0.45);

  // 4. effect shapes of the top numeric features, on a row sample
  const sample = takeRows(data, sampleIndices(data.n, options.sampleRows ?? 300, rng(seed)));
  for (const f of top) {
    const col = data.columns[f];
    if (!isNumeric(col) || sortedFinite(col).length < 2) continue;
    const curve = await pdp(focus, sample, f, { grid: { size: 20 }, signal: options.signal });
    findings.push(...shapeFindings(focus, f, "pdp", effectShape(curve.values.average), { nonMonotone: options.nonMonotone ?? 0.1, jagged: options.jagged ?? 1.5 }));
  }
  progress(0.6);

  // 5. the strongest interactions among the top features
  if (top.length >= 2) {
    const pairs = await pairwiseH(focus, sample, top, { rows: options.interactionRows ?? 40, seed, signal: options.signal });
    findings.push(...interactionFindings(focus, pairs, options.interactionAbove ?? 0.05, 2));
  }
  progress(0.8);

  // 6. prototypes: SHAP vectors of a row sample (one shapRows result, or the one given), clustered
  if (options.prototypes !== false) {
    const o = options.prototypes ?? {};
    const local = o.from ?? await shapRows(focus, data, {
      rows: o.rows ?? 40, background: takeRows(data, sampleIndices(data.n, o.background ?? 50, rng(seed + 2))), seed, signal: options.signal,
    });
    if (o.from && o.from.model !== focus.name) throw new ExplainError(`the SHAP rows given are of \`${o.from.model}\`; the audit's focus is \`${focus.name}\``);
    const v = local.values;
    findings.push(prototypeFinding(focus, v.features, v.rows, kmeans(v.values, o.k ?? 3, { seed }), String(local.params.method)));
  }
  progress(1);

  const order = { alert: 0, warning: 1, info: 2 } as const;
  findings.sort((a, b) => order[a.severity] - order[b.severity]);
  return {
    models: list.map((m) => m.name), focus: focus.name, findings,
    params: { target: options.target, minSupport, seed, sampleRows: sample.n, topFeatures: top },
    ms: now() - started,
  };
}
