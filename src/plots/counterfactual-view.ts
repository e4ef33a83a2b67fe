// Counterfactuals as a table a person reads: each row the changes (old → new), every model's new
// score (reaching the target or not), the distance and the plausibility; the nearest observed rows
// below the optimized ones. Scores are also drawn against the target region, one dot per model.
import * as Plot from "@observablehq/plot";
import type { Counterfactual, CounterfactualValues } from "../explain/counterfactual/index";
import type { Explanation } from "../explain/types";
import { modelColorScale } from "./colors";
import { draw, frame } from "./frame";
import { asList, fmt, normaliseBase, observationLabel, type BasePlotOptions } from "./options";

export type CounterfactualViewOptions = BasePlotOptions;

function valueText(v: unknown): string {
  if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "missing";
  return typeof v === "number" ? fmt(v) : String(v);
}

function table(document: Document, title: string, list: Counterfactual[], models: string[]): HTMLElement {
  const t = document.createElement("table");
  t.className = "cx-counterfactuals";
  const caption = document.createElement("caption");
  caption.textContent = title;
  t.append(caption);
  const head = document.createElement("tr");
  for (const h of ["#", "change", ...models, "distance", "plausible"]) {
    const th = document.createElement("th");
    th.textContent = h;
    head.append(th);
  }
  t.append(head);
  list.forEach((c, i) => {
    const tr = document.createElement("tr");
    if (c.row !== undefined) tr.setAttribute("data-row", String(c.row));
    const cells = [
      c.row !== undefined ? `row ${c.row}` : String(i + 1),
      c.changes.map((ch) => `${ch.feature}: ${valueText(ch.from)} → ${valueText(ch.to)}`).join("; ") || "(nothing)",
      ...c.predictions.map((p) => `${fmt(p.score)}${p.meets ? " ✓" : " ✗"}`),
      fmt(c.distance),
      `${c.plausibility.withinRange ? "in range" : "OUT of range"}, ${c.plausibility.nearData ? "near data" : "far from data"} (${fmt(c.plausibility.nearestDistance)} vs typical ${fmt(c.plausibility.typicalDistance)})`,
    ];
    for (const text of cells) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    t.append(tr);
  });
  return t;
}

/** One counterfactual result: the optimized changes, the nearest rows, and each model's scores. */
export function counterfactualView(result: Explanation<CounterfactualValues>, options: CounterfactualViewOptions = {}): HTMLElement {
  const [r] = asList(result, ["counterfactual"], "counterfactualView");
  const o = normaliseBase(options);
  const v = r.values;
  const models = v.predictions.map((p) => p.model);
  const fig = o.document.createElement("figure");
  fig.className = "cx-counterfactual";
  const h = o.document.createElement("h2");
  const obs = observationLabel(r.observation);
  h.textContent = o.title ?? `What would flip ${obs || "the observation"}?`;
  const sub = o.document.createElement("h3");
  const need = v.required === v.models ? (v.models === 1 ? "" : ` in all ${v.models} models`) : ` in ${v.required} of ${v.models} models`;
  sub.textContent = o.subtitle ?? `target: ${v.target}${need} · now ${v.predictions.map((p) => `${models.length > 1 ? `${p.model} ` : ""}${fmt(p.score)}`).join(", ")} · ${String(r.params.method)}`;
  fig.append(h, sub);
  if (v.note) {
    const p = o.document.createElement("p");
    p.className = "cx-note";
    p.textContent = v.note;
    fig.append(p);
  }
  if (v.counterfactuals.length > 0) fig.append(table(o.document, "Smallest changes of the observation", v.counterfactuals, models));
  if (v.nearest.length > 0) fig.append(table(o.document, "Nearest rows of the data with the target outcome", v.nearest, models));
  const dots = [...v.counterfactuals.map((c, i) => ({ c, label: `#${i + 1}` })), ...v.nearest.map((c) => ({ c, label: `row ${c.row}` }))]
    .flatMap(({ c, label }) => c.predictions.map((p) => ({ label, model: p.model, score: p.score })));
  if (dots.length > 0) {
    const now = v.predictions.map((p) => ({ label: "now", model: p.model, score: p.score }));
    const labels = ["now", ...new Set(dots.map((d) => d.label))];
    const t = /([<≥]) (-?[\d.e+-]+)/.exec(v.target);
    fig.append(draw(frame({ ...o, title: undefined, subtitle: undefined }, {
      height: 28 * labels.length + 60, marginLeft: 70,
      x: { label: "score", grid: true, tickFormat: fmt, labelAnchor: "center", labelArrow: "none" },
      y: { label: null, domain: labels },
      color: modelColorScale(models, models.length > 1),
      marks: [
        ...(t ? [Plot.ruleX([Number(t[2])], { stroke: "#111", strokeDasharray: "4 3" })] : []),
        Plot.dot([...now, ...dots], { x: "score", y: "label", fill: "model", r: 4 }),
      ],
    })));
  }
  return fig;
}
