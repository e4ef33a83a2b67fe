// The panels of the grid: what each computes (through the explainers, so a test can count calls),
// what it depends on, and how it draws. Global panels depend on nothing and compute once.
import * as Plot from "@observablehq/plot";
import { ale, breakdown, effects, ice, importance, modelPerformance, residuals, shap } from "../../explain/index";
import { featureGrid } from "../../explain/grid";
import type { Explanation } from "../../explain/types";
import type { Batch, Predictor } from "../../model/types";
import { alePlot, breakdownPlot, distributionPlot, importancePlot, pdpPlot, performancePlot, residualPlot, shapPlot } from "../../plots/index";
import { modelColors } from "../../plots/index";
import { clampNote, contributionLabel, planFor, scaleLabel, scalesFor, spaceMismatch, type Scale } from "./scale";
import type { Dependency } from "./selection";
import { withTrustLine } from "./trust-checks";

/** The explainers the panels call; replaceable so tests can count and time the calls. */
export interface Explainers {
  importance: typeof importance;
  modelPerformance: typeof modelPerformance;
  residuals: typeof residuals;
  effects: typeof effects;
  ale: typeof ale;
  shap: typeof shap;
  breakdown: typeof breakdown;
  ice: typeof ice;
}

export const defaultExplainers: Explainers = { importance, modelPerformance, residuals, effects, ale, shap, breakdown, ice };

/** The models, the data and the selected feature: what the grid is given and every panel reads. */
export interface ExplorerInputs {
  models: readonly Predictor[];
  data: Batch;
  target: string;
  positiveClass?: string | number;
  features: readonly string[];
  feature: string;
}

/** What a panel computes from. */
export interface PanelContext extends ExplorerInputs {
  /** the selected observation with its what-if edits, as a one-row batch and as a record */
  observation: Record<string, unknown>;
  observationBatch: Batch;
  /** the selected row's position in `data` (for marking it in row plots); −1 when the sample does not hold it */
  row: number;
  /** the scale the local panels (SHAP, break-down, the observation's ICE) show their scores in */
  scale: Scale;
  explainers: Explainers;
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
  width: number;
  /** the importance panel reports the features, most important first (the grid may select the first) */
  onRanking?: (features: string[]) => void;
  /** rows of the table `data` was sampled from (sampled results then carry standard errors) */
  population?: number;
  /** a sampled panel reports its largest standard error, e.g. ("PD", 0.012) */
  onSampling?: (what: string, se: number) => void;
}

export interface PanelSpec {
  id: string;
  title: string;
  depends: readonly Dependency[];
  /** computes and draws; the element replaces the panel's content */
  run(ctx: PanelContext): Promise<Element>;
}

const ICE_ROWS = 40;
const BACKGROUND = 100;

/** Rows whose ICE curves are drawn: about 40 spread evenly through the data. */
function iceRows(n: number): number[] {
  const k = Math.min(n, ICE_ROWS);
  return Array.from({ length: k }, (_, i) => Math.floor((i * n) / k));
}

function fit(ctx: PanelContext) {
  return { target: ctx.target, positiveClass: ctx.positiveClass, signal: ctx.signal, onProgress: ctx.onProgress };
}

function run(ctx: PanelContext) {
  return { signal: ctx.signal, onProgress: ctx.onProgress };
}

/** What the models' own scores are, named for the global panels: "P(class = bad)" or "prediction". */
function scoreLabel(ctx: PanelContext): string {
  return scaleLabel(scalesFor(ctx.models)[0], ctx.positiveClass);
}

/** The models as the local panels' explainer must see them for the chosen scale, and the notes to show. */
async function planned(ctx: PanelContext, trees: boolean) {
  const plans = await Promise.all(ctx.models.map((m) => planFor(m, ctx.scale, trees)));
  return { models: plans.map((p) => p.model), notes: plans.flatMap((p) => (p.note ? [p.note] : [])) };
}

/** The element with lines under it (how it was computed, in which scale); the element itself when there are none. */
function withNotes(element: Element, notes: readonly (string | undefined)[]): Element {
  const lines = notes.filter((n): n is string => !!n);
  if (!lines.length) return element;
  const holder = element.ownerDocument.createElement("div");
  holder.append(element);
  for (const line of lines) {
    const p = element.ownerDocument.createElement("p");
    p.className = "cx-note";
    p.textContent = line;
    holder.append(p);
  }
  return holder;
}

/** `{population}` when the grid explains a sample (sampled results then carry `se`), else nothing. */
function sampled(ctx: PanelContext): { population?: number } {
  return ctx.population === undefined ? {} : { population: ctx.population };
}

/** Reports the largest finite standard error among `values` as `what`. */
function reportSe(ctx: PanelContext, what: string, values: unknown[]): void {
  const finite = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (finite.length) ctx.onSampling?.(what, Math.max(...finite));
}

export const PANELS: readonly PanelSpec[] = [
  {
    id: "importance", title: "Permutation importance — click a bar to select a feature", depends: [],
    async run(ctx) {
      const r = await ctx.explainers.importance(ctx.models as Predictor[], ctx.data, { ...fit(ctx), ...sampled(ctx), features: [...ctx.features], repeats: 3, seed: 1 });
      if (!ctx.signal.aborted) ctx.onRanking?.(r[0].values.features.map((f) => f.feature));
      reportSe(ctx, "importance", r.flatMap((e) => e.values.features.map((f) => f.se)));
      return importancePlot(r, { width: ctx.width, topK: 10, title: "" });
    },
  },
  {
    id: "pdp", title: "Partial dependence and ICE of the selected feature", depends: ["feature"],
    async run(ctx) {
      const r = await ctx.explainers.effects(ctx.models as Predictor[], ctx.data, ctx.feature, { ...run(ctx), ...sampled(ctx), grid: { size: 20 }, rows: iceRows(ctx.data.n) });
      reportSe(ctx, "PD", r.flatMap((e) => (Array.isArray(e.pdp.se) ? e.pdp.se : [])));
      return pdpPlot(r, { width: ctx.width, rug: ctx.data.columns[ctx.feature], maxIce: ICE_ROWS, title: "", yLabel: `mean ${scoreLabel(ctx)}` });
    },
  },
  {
    id: "ale", title: "Accumulated local effects of the selected feature", depends: ["feature"],
    async run(ctx) {
      const r = await ctx.explainers.ale(ctx.models as Predictor[], ctx.data, ctx.feature, { ...run(ctx), ...sampled(ctx) });
      reportSe(ctx, "ALE", r.flatMap((e) => (Array.isArray(e.se) ? e.se : [])));
      return alePlot(r, { width: ctx.width, title: "", yLabel: `effect on ${scoreLabel(ctx)} (centred)` });
    },
  },
  {
    id: "distribution", title: "Distribution of the selected feature", depends: ["feature"],
    async run(ctx) {
      return distributionPlot(ctx.data, ctx.feature, { width: ctx.width, title: "" });
    },
  },
  {
    id: "whatif", title: "The observation: prediction as the selected feature moves (ICE)", depends: ["feature", "observation", "scale"],
    async run(ctx) {
      // the observation's own value joins the grid so its dot sits exactly on its prediction
      const grid = withValue(featureGrid(ctx.feature, ctx.data.columns[ctx.feature], { size: 30 }).values, ctx.observation[ctx.feature]);
      const { models } = await planned(ctx, false);
      const r = await ctx.explainers.ice(models, ctx.observationBatch, ctx.feature, { ...run(ctx), grid });
      return withNotes(observationIcePlot(r, ctx), [clampNote(models)]);
    },
  },
  {
    id: "shap", title: "SHAP values of the observation — click a bar to select a feature", depends: ["observation", "scale"],
    async run(ctx) {
      // every model in the chosen scale: TreeSHAP only where the trees' margin is that scale (scale.ts)
      const { models, notes } = await planned(ctx, true);
      const r = await ctx.explainers.shap(models, ctx.data, { ...run(ctx), observation: ctx.observation, background: BACKGROUND, seed: 1 });
      const wrong = r.flatMap((e, i) => spaceMismatch(ctx.scale, models[i], e.params?.space) ?? []);
      if (wrong.length) throw new Error(wrong.join("; "));
      // a LOGISTIC margin and the logit of a wrapped model are one space: log-odds (one axis, named so)
      if (ctx.scale === "log-odds") for (const e of r) e.params = { ...e.params, space: "log-odds" };
      const plot = shapPlot(r, { width: ctx.width, topK: 10, title: "", xLabel: contributionLabel(ctx.scale, ctx.positiveClass, r.length) });
      return withTrustLine({ ...ctx, models }, r, withNotes(plot, [...notes, clampNote(models)]));
    },
  },
  {
    id: "breakdown", title: "Break-down of the observation's prediction", depends: ["observation", "scale"],
    async run(ctx) {
      const { models } = await planned(ctx, false);
      const r = await ctx.explainers.breakdown(models, ctx.data, { ...run(ctx), observation: ctx.observation, background: BACKGROUND, seed: 1 });
      const plot = breakdownPlot(r, { width: ctx.width, topK: 10, title: "", xLabel: contributionLabel(ctx.scale, ctx.positiveClass, r.length) });
      return withNotes(plot, [clampNote(models)]);
    },
  },
  {
    id: "performance", title: "Model performance", depends: [],
    async run(ctx) {
      const r = await ctx.explainers.modelPerformance(ctx.models as Predictor[], ctx.data, { ...fit(ctx), ...sampled(ctx) });
      reportSe(ctx, ctx.models[0].task === "regression" ? "RMSE" : "AUC", r.map((e) => (e.se as Record<string, number> | undefined)?.[ctx.models[0].task === "regression" ? "rmse" : "auc"]));
      return performancePlot(r, { width: ctx.width, title: "" });
    },
  },
  {
    id: "residuals", title: "Residuals — click a point to select an observation", depends: [],
    async run(ctx) {
      const r = await ctx.explainers.residuals(ctx.models as Predictor[], ctx.data, { ...fit(ctx), features: [...ctx.features] });
      return residualPlot(r, { width: ctx.width, title: "" });
    },
  },
];

/** The edited observation's ICE curve per model, with a dot at its current value and its prediction. */
function observationIcePlot(results: Explanation<{ grid: (number | string)[]; curves: number[][] }>[], ctx: PanelContext): Element {
  const rows = results.flatMap((r) => r.values.grid.map((x, i) => ({ model: r.model, x, y: r.values.curves[0][i] })));
  const current = ctx.observation[ctx.feature];
  const categorical = typeof results[0]?.values.grid[0] === "string";
  const here = results.flatMap((r) => {
    const i = r.values.grid.findIndex((g) => g === current);
    return i >= 0 ? [{ model: r.model, x: current, y: r.values.curves[0][i] }] : [];
  });
  const colors = { domain: results.map((r) => r.model), range: modelColors(results.length) };
  return Plot.plot({
    width: ctx.width, height: 220, marginLeft: 56, grid: true,
    color: { ...colors, legend: results.length > 1 },
    x: { label: ctx.feature, ...(categorical ? { type: "band" as const } : {}) },
    y: { label: scaleLabel(ctx.scale, ctx.positiveClass) },
    marks: [
      categorical ? Plot.dot(rows, { x: "x", y: "y", stroke: "model", r: 3 }) : Plot.line(rows, { x: "x", y: "y", stroke: "model", strokeWidth: 2 }),
      Plot.dot(here, { x: "x", y: "y", fill: "model", r: 5, stroke: "white" }),
      Plot.text(here, { x: "x", y: "y", text: (d: { y: number }) => fmt(d.y), dy: -12, fontWeight: "bold" }),
    ],
  });
}

/** The grid with `value` added in order (numbers) or at the end (a level), unless missing or present. */
export function withValue(grid: readonly (number | string)[], value: unknown): (number | string)[] {
  if (value === null || value === undefined || (typeof value === "number" && !Number.isFinite(value)) || grid.includes(value as number | string)) return grid.slice();
  if (typeof value === "number") return [...grid, value].sort((a, b) => (a as number) - (b as number));
  return [...grid, String(value)];
}

function fmt(y: number): string {
  return Math.abs(y) >= 1000 ? Math.round(y).toLocaleString("en-US") : y.toPrecision(3);
}
