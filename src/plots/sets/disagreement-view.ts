// Where a set's members disagree: the headline numbers (ambiguity, discrepancy and its pair, mean
// spread), the distribution of the per-row spread, and — when given — the slices of the data where
// the spread is highest, each with its 95% interval against the overall mean.
import * as Plot from "@observablehq/plot";
import type { Disagreement } from "../../explain/rashomon/disagreement";
import type { Slice } from "../../explain/rashomon/slices";
import { NEUTRAL } from "../colors";
import { draw, frame, labelMargin } from "../frame";
import { count, fmt, PlotError, truncate, type BasePlotOptions } from "../options";
import { base, card, el } from "./dom";

export interface DisagreementViewOptions extends BasePlotOptions {
  /** slices from `disagreementSlices(d, data)`, drawn below the histogram */
  slices?: readonly Slice[];
}

const pct = (x: number) => `${fmt(100 * x)}%`;

export function disagreementView(d: Disagreement, options: DisagreementViewOptions = {}): HTMLDivElement {
  if (!d || !Array.isArray(d.spread) || !Array.isArray(d.models)) {
    throw new PlotError("disagreementView draws the result of crossexam.disagreement(members, data)");
  }
  const o = base(options);
  const doc = o.document;
  const classification = d.task === "classification";
  // a set of one model: a sentence, not an empty chart
  if (d.models.length < 2) {
    const sentence = d.note ?? `one model (${d.models[0] ?? "none"}): nothing to compare`;
    return card(doc, o.width, el(doc, "p", "margin:0", `${sentence[0].toUpperCase()}${sentence.slice(1)}.`));
  }
  const headline = el(doc, "p", "margin:0 0 6px",
    el(doc, "b", null, `${count(d.models.length, "model")}, ${count(d.n, "row")}. `),
    classification
      ? `They predict different classes for ${pct(d.ambiguity)} of rows (ambiguity); the most different pair, ${d.discrepancyPair.join(" and ")}, decide differently on ${pct(d.discrepancy)} (discrepancy). `
      : `The most different pair, ${d.discrepancyPair.join(" and ")}, differ by ${fmt(d.discrepancy)} on average (discrepancy). `,
    `Mean spread (max − min prediction per row): ${fmt(d.meanSpread)}.`,
  );
  const rows = d.spread.map((s, row) => ({ row, spread: s }));
  const histogram = draw(frame({ ...o, title: undefined, subtitle: undefined }, {
    title: "Spread of the members' predictions per row",
    height: 200,
    marginLeft: 48,
    x: { label: "max − min prediction over the models", tickFormat: fmt, labelAnchor: "center", labelArrow: "none" },
    y: { label: "rows", grid: true, labelArrow: "none" },
    marks: [
      Plot.rectY(rows, { ...Plot.binX({ y: "count" }, { x: "spread", thresholds: 30 }), fill: NEUTRAL, insetLeft: 0.5, insetRight: 0.5 }),
      Plot.ruleX([d.meanSpread], { stroke: "#c62828", strokeDasharray: "4 3" }),
      Plot.ruleY([0]),
    ],
  }));
  const parts: (Node | string)[] = [headline, histogram];
  if (options.slices && options.slices.length > 0) parts.push(sliceChart(o, options.slices));
  return card(doc, o.width, ...parts);
}

function sliceChart(o: ReturnType<typeof base>, slices: readonly Slice[]): SVGSVGElement | HTMLElement {
  const rows = slices.map((s) => ({ ...s, label: truncate(s.text, 44) }));
  const overall = slices[0].overall;
  return draw(frame({ ...o, title: undefined, subtitle: undefined }, {
    title: "Where they disagree most",
    subtitle: `mean spread in the slice with its 95% interval; dashed: all rows (${fmt(overall)})`,
    height: 36 + 26 * rows.length + 42,
    marginLeft: labelMargin(rows.map((r) => r.label), 60, 300),
    marginRight: 70,
    x: { label: "mean spread", grid: true, tickFormat: fmt, labelAnchor: "center", labelArrow: "none" },
    y: { label: null, domain: rows.map((r) => r.label) },
    marks: [
      Plot.ruleX([overall], { stroke: "#c62828", strokeDasharray: "4 3" }),
      Plot.ruleY(rows, { y: "label", x1: "lower", x2: "upper", stroke: "#1565c0", strokeWidth: 2 }),
      Plot.dot(rows, { y: "label", x: "mean", fill: "#1565c0", r: 4, title: (r: typeof rows[number]) => `${r.text}\n${r.support} rows, mean spread ${fmt(r.mean)} (${fmt(r.lower)}–${fmt(r.upper)})` }),
      Plot.text(rows, { y: "label", x: "upper", text: (r: typeof rows[number]) => `${r.support} rows`, dx: 6, textAnchor: "start", fill: "#444", fontSize: 11 }),
    ],
  }));
}
