// Additive attributions of one prediction (SHAP, break-down) drawn two ways:
//  - one model: a waterfall from the base (mean prediction) to the prediction, one bar per step;
//  - several models: each step's contribution per model as bars grouped by step.
import * as Plot from "@observablehq/plot";
import { modelColorScale, NEGATIVE, NEUTRAL, POSITIVE } from "./colors";
import { draw, frame, labelMargin } from "./frame";
import { fmt, truncate, withUnits, type NormalisedBase } from "./options";
import { labelTicks, tagged } from "./tags";
import { othersLabel, topK } from "./top-k";

/** One attribution: a feature (or a pair "a:b") and how much it moved the prediction. */
export interface Step {
  /** "x2" or "x2:x3" */
  label: string;
  /** the observation's value(s), for the axis label */
  value?: string;
  contribution: number;
  /** standard error of a sampled contribution */
  se?: number;
}

/** The attributions of one model's prediction. */
export interface Attribution {
  model: string;
  base: number;
  prediction: number;
  steps: Step[];
}

export interface WaterfallSettings {
  title: string;
  subtitle?: string;
  topK: number;
  /** "magnitude": show the k largest |contributions|; "order": the first k steps as given */
  pick: "magnitude" | "order";
  /** whisker half-width in SEs (1.96 ≈ 95%) */
  seWidth: number;
}

interface Bar {
  model: string;
  label: string;
  /** the axis label: "x2 = 1.53" */
  display: string;
  start: number;
  end: number;
  contribution: number;
  se?: number;
  others?: string[];
}

const BAR = 18;
/** The waterfall's legend: which way a bar moves the prediction. */
const SIGN = ["raises prediction", "lowers prediction", "others (sum)"];

/** The shown steps (k of them, then "others (n)") with their axis labels, shared across models. */
function chooseSteps(list: readonly Attribution[], s: WaterfallSettings) {
  const labels = [...new Set(list.flatMap((a) => a.steps.map((t) => t.label)))];
  const byModel = list.map((a) => new Map(a.steps.map((t) => [t.label, t])));
  // a step's size: its largest |contribution| over the models, so that "others" never hides a bar
  // larger than every bar of a step that is shown
  const magnitude = (l: string) => byModel.reduce((max, m) => Math.max(max, Math.abs(m.get(l)?.contribution ?? 0)), 0);
  const position = new Map(labels.map((l, i) => [l, i]));
  const picked = topK(labels, s.topK, magnitude);
  // "order" (a break-down) keeps the steps in their order, but which steps are shown is still by size
  const shown = s.pick === "magnitude" ? picked.shown : [...picked.shown].sort((a, b) => position.get(a)! - position.get(b)!);
  const rest = picked.rest;
  // the observation's value beside the feature (when every model explains the same value); labels stay unique
  const display = new Map<string, string>();
  for (const l of shown) {
    const values = byModel.map((m) => m.get(l)?.value);
    const value = values.every((v) => v !== undefined && v === values[0]) ? values[0] : undefined;
    let d = value === undefined ? truncate(l) : `${truncate(l, 20)} = ${truncate(value, 12)}`;
    for (let n = 2; [...display.values()].includes(d); n++) d = `${d}~${n}`;
    display.set(l, d);
  }
  return { shown, rest, byModel, display };
}

export function attributionPlot(list: readonly Attribution[], s: WaterfallSettings, o: NormalisedBase): SVGSVGElement | HTMLElement {
  const { shown, rest, byModel, display } = chooseSteps(list, s);
  const others = othersLabel(rest.length);
  const bars: Bar[] = [];
  list.forEach((a, m) => {
    let at = a.base;
    const push = (label: string, disp: string, contribution: number, se?: number, folded?: string[]) => {
      bars.push({ model: a.model, label, display: disp, start: at, end: at + contribution, contribution, se, others: folded });
      at += contribution;
    };
    for (const l of shown) {
      const t = byModel[m].get(l);
      if (t) push(l, display.get(l)!, t.contribution, t.se);
    }
    if (rest.length) push(others, others, rest.reduce((sum, l) => sum + (byModel[m].get(l)?.contribution ?? 0), 0), undefined, rest);
  });
  const domain = [...shown.map((l) => display.get(l)!), ...(rest.length ? [others] : [])];
  const tag = tagged((i) => (bars[i].others ? { "data-others": JSON.stringify(bars[i].others) } : { "data-feature": bars[i].label, "data-model": bars[i].model }));
  const title = (d: Bar) => `${d.label}${d.others ? `: ${d.others.join(", ")}` : ""}\n${d.model}: ${d.contribution >= 0 ? "+" : ""}${fmt(d.contribution)}${d.se !== undefined ? ` ± ${fmt(d.se)} (SE)` : ""}`;
  const whisker = bars.filter((b) => b.se !== undefined && b.se > 0);
  const several = list.length > 1;
  const element = several ? grouped(list, bars, domain, tag, title, whisker, s, o) : waterfall(list[0], bars, domain, tag, title, whisker, s, o);
  labelTicks(element, new Map(shown.map((l) => [display.get(l)!, l])));
  return element;
}

function waterfall(
  a: Attribution, bars: Bar[], domain: string[], tag: Plot.RenderFunction, title: (d: Bar) => string,
  whisker: Bar[], s: WaterfallSettings, o: NormalisedBase,
): SVGSVGElement | HTMLElement {
  const height = o.height ?? Math.round(90 + domain.length * (BAR + 6));
  const ends = [a.base, a.prediction, ...bars.flatMap((b) => [b.start, b.end])];
  const span = Math.max(...ends) - Math.min(...ends) || 1;
  return draw(frame(o, {
    title: s.title,
    subtitle: s.subtitle,
    height,
    marginTop: 34,
    marginLeft: labelMargin(domain),
    marginRight: 48,
    x: { label: o.xLabel ?? withUnits("prediction", o.units), grid: true, tickFormat: fmt, labelAnchor: "center", labelArrow: "none", domain: [Math.min(...ends) - 0.04 * span, Math.max(...ends) + 0.04 * span] },
    y: { label: o.yLabel ?? null, domain },
    color: { type: "ordinal", domain: bars.some((b) => b.others) ? SIGN : SIGN.slice(0, 2), range: [POSITIVE, NEGATIVE, NEUTRAL], legend: true },
    marks: [
      Plot.ruleX([a.base], { stroke: "#555", strokeDasharray: "3 3" }),
      Plot.ruleX([a.prediction], { stroke: "#111", strokeWidth: 1.5 }),
      Plot.text([a.base], { x: (d: number) => d, frameAnchor: "top", dy: -22, text: (d: number) => `base ${fmt(d)}`, fill: "#555" }),
      Plot.text([a.prediction], { x: (d: number) => d, frameAnchor: "top", dy: -8, text: (d: number) => `prediction ${fmt(d)}`, fontWeight: "bold" }),
      Plot.barX(bars, {
        x1: "start", x2: "end", y: "display", title, render: tag, insetTop: 2, insetBottom: 2,
        fill: (d: Bar) => (d.others ? SIGN[2] : d.contribution >= 0 ? SIGN[0] : SIGN[1]),
      }),
      Plot.ruleY(whisker, { x1: (d: Bar) => d.end - s.seWidth * d.se!, x2: (d: Bar) => d.end + s.seWidth * d.se!, y: "display", stroke: "#111", strokeWidth: 1.4 }),
      Plot.text(bars, {
        // right of the bar and its whisker, with a white halo where it crosses a rule
        x: (d: Bar) => Math.max(d.start, d.end) + (d.se ? s.seWidth * d.se : 0), y: "display", dx: 4, textAnchor: "start", fontSize: 11,
        fill: "currentColor", stroke: "white", strokeWidth: 3, paintOrder: "stroke",
        text: (d: Bar) => `${d.contribution >= 0 ? "+" : ""}${fmt(d.contribution)}`,
      }),
    ],
  }));
}

function grouped(
  list: readonly Attribution[], bars: Bar[], domain: string[], tag: Plot.RenderFunction, title: (d: Bar) => string,
  whisker: Bar[], s: WaterfallSettings, o: NormalisedBase,
): SVGSVGElement | HTMLElement {
  const models = list.map((a) => a.model);
  const height = o.height ?? Math.round(80 + domain.length * (list.length * BAR * 0.8 + 8));
  return draw(frame(o, {
    title: s.title,
    subtitle: s.subtitle,
    height,
    marginLeft: labelMargin(domain),
    marginRight: 20,
    x: { label: o.xLabel ?? withUnits("contribution to prediction", o.units), grid: true, tickFormat: fmt, labelAnchor: "center", labelArrow: "none" },
    y: { axis: null, domain: models },
    fy: { label: o.yLabel ?? null, domain, padding: 0.15 },
    color: modelColorScale(models),
    marks: [
      Plot.barX(bars, { x: "contribution", y: "model", fy: "display", fill: "model", title, render: tag, insetTop: 1, insetBottom: 1 }),
      Plot.ruleX([0]),
      Plot.ruleY(whisker, { x1: (d: Bar) => d.contribution - s.seWidth * d.se!, x2: (d: Bar) => d.contribution + s.seWidth * d.se!, y: "model", fy: "display", stroke: "#111" }),
    ],
  }));
}
