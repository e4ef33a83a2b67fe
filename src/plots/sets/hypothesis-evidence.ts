// The plot of a hypothesis result's evidence, by kind: which numbers to draw and against what rule.
// Returns marks and scales only; hypothesis-view.ts frames them.
import * as Plot from "@observablehq/plot";
import type { HypothesisResult } from "../../hypotheses/types";
import { modelColorScale } from "../colors";
import { fmt } from "../options";
import { VERDICT_COLOR } from "./dom";

export interface EvidenceMarks {
  marks: Plot.Markish[];
  x: Plot.ScaleOptions;
  y?: Plot.ScaleOptions;
  color?: Plot.ScaleOptions;
  caption: string;
  /** models on the y axis (labels need room) */
  categoricalY: boolean;
  height?: number;
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : NaN);
const axis = (label: string): Plot.ScaleOptions => ({ label, grid: true, tickFormat: fmt, labelAnchor: "center", labelArrow: "none" });
const held = (d: { holds: boolean }) => (d.holds ? VERDICT_COLOR.holds : VERDICT_COLOR.fails);

/** Per-model value against a threshold: one dot per model, a dashed rule at the threshold. */
function againstThreshold(r: HypothesisResult, value: (e: Record<string, unknown>) => number, threshold: number, label: string, caption: string): EvidenceMarks {
  const rows = r.perModel.map((v) => ({ model: v.model, holds: v.holds, value: value(v.evidence) }));
  return {
    categoricalY: true, caption, x: axis(label),
    marks: [
      Plot.ruleX([threshold], { stroke: "#555", strokeDasharray: "4 3" }),
      Plot.ruleY(rows, { y: "model", x1: threshold, x2: "value", stroke: held, strokeOpacity: 0.4 }),
      Plot.dot(rows, { y: "model", x: "value", r: 4, fill: held, title: (d: typeof rows[number]) => `${d.model}: ${fmt(d.value)}` }),
    ],
  };
}

export function evidenceMarks(r: HypothesisResult): EvidenceMarks | undefined {
  const h = r.hypothesis;
  switch (h.kind) {
    case "monotone": {
      const curves = r.perModel.flatMap((v) => {
        const c = v.evidence.curve as { x: (number | string)[]; y: number[] } | undefined;
        return c ? c.x.map((x, k) => ({ model: v.model, x, y: c.y[k] })) : [];
      });
      if (curves.length === 0) {
        return againstThreshold(r, (e) => num(e.worstStep), -h.tolerance, `worst step ${h.direction === "increasing" ? "up" : "down"}`, `worst step per model; it holds where the dot is right of −tolerance`);
      }
      const worst = r.perModel.filter((v) => !v.holds).map((v) => ({ model: v.model, from: v.evidence.from, to: v.evidence.to }));
      const models = r.perModel.map((v) => v.model);
      const numeric = curves.every((c) => typeof c.x === "number");
      return {
        categoricalY: false, height: 240,
        caption: `${h.on === "ale" ? "ALE" : "PD"} of ${h.feature} per model${worst.length ? "; red spans: the worst step against the direction where it fails" : ""}`,
        x: { label: h.feature, ...(numeric ? { tickFormat: fmt } : { type: "point" }), labelAnchor: "center", labelArrow: "none" },
        y: axis(h.on === "ale" ? "ALE" : "mean prediction"),
        color: modelColorScale(models, models.length <= 8),
        marks: [
          numeric ? Plot.rectX(worst, { x1: "from", x2: "to", fill: VERDICT_COLOR.fails, fillOpacity: 0.08 }) : null,
          Plot.lineY(curves, { x: "x", y: "y", z: "model", stroke: "model", strokeWidth: 1.2 }),
          Plot.tip(curves, Plot.pointer({ x: "x", y: "y", stroke: "model", channels: { model: "model" }, format: { y: fmt } })),
        ],
      };
    }
    case "effectSign": {
      const rows = r.perModel.map((v) => ({ model: v.model, holds: v.holds, from: num(v.evidence.atFrom), to: num(v.evidence.atTo) }));
      return {
        categoricalY: true, x: axis(h.on === "ale" ? "ALE" : "mean prediction"),
        caption: `per model: effect at ${h.feature} = ${String(h.from)} (dot) → ${String(h.to)} (arrow head); expected ${h.sign}`,
        marks: [
          Plot.arrow(rows, { y: "model", x1: "from", x2: "to", stroke: held, strokeWidth: 1.6, headLength: 6 }),
          Plot.dot(rows, { y: "model", x: "from", r: 2.5, fill: "#555" }),
        ],
      };
    }
    case "moreImportant": {
      const rows = r.perModel.flatMap((v) => [h.a, h.b].map((f) => {
        const e = (v.evidence[f] ?? {}) as Record<string, unknown>;
        return { model: v.model, feature: f, dropout: num(e.dropout), lower: num(e.lower), upper: num(e.upper) };
      }));
      return {
        categoricalY: true, x: axis(`dropout (${String(r.perModel[0]?.evidence.loss ?? "loss")} increase)`),
        color: { domain: [h.a, h.b], range: ["#1565c0", "#ef6c00"], legend: true },
        caption: `per model: permutation dropout of ${h.a} and ${h.b} with 95% intervals over repeats`,
        marks: [
          Plot.ruleX([0], { stroke: "#999" }),
          // a above, b below each model's line
          ...[h.a, h.b].flatMap((f, k) => {
            const mine = rows.filter((d) => d.feature === f), dy = k === 0 ? -3 : 3;
            return [
              Plot.ruleY(mine, { y: "model", x1: "lower", x2: "upper", stroke: "feature", strokeWidth: 2, strokeOpacity: 0.5, dy }),
              Plot.dot(mine, { y: "model", x: "dropout", fill: "feature", r: 3.5, dy, title: (d: typeof rows[number]) => `${d.model} · ${d.feature}: ${fmt(d.dropout)}` }),
            ];
          }),
        ],
      };
    }
    case "importance":
      return againstThreshold(r, (e) => num(e.value), h.threshold, h.measure === "ratio" ? "model reliance (loss ratio)" : "dropout (loss increase)",
        `per model: importance of ${h.feature}; the dashed line is ${fmt(h.threshold)}, expected ${h.side} it`);
    case "interaction":
      return againstThreshold(r, (e) => num(e.h2), h.above, "Friedman's H²", `per model: H² of ${h.a} × ${h.b} (${h.rows} rows); expected above ${fmt(h.above)}`);
    case "slicePerformance":
      return againstThreshold(r, (e) => num(e.difference), 0, "slice loss − overall loss", `per model: loss on the slice minus loss on all rows; expected within ±${fmt(h.within)}`);
    case "predictionSide":
      return againstThreshold(r, (e) => num(e.prediction), h.threshold, "prediction", `per model: the prediction; expected ${h.side} ${fmt(h.threshold)}`);
    case "stable":
      return againstThreshold(r, (e) => num(e.rankCorrelation), h.minRankCorrelation, "rank correlation over seeds", `per model: mean Spearman correlation between ${h.runs} runs; expected above ${fmt(h.minRankCorrelation)}`);
    case "faithful":
      return againstThreshold(r, (e) => num(e.beatsRandom), h.beats, "share of random orders beaten", `per model: deletion in SHAP order vs ${h.randomOrders} random orders; expected at least ${fmt(h.beats)}`);
    default:
      return undefined;
  }
}
