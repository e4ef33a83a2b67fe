// The Rashomon set at a glance: every candidate's loss as a dot, members filled and excluded
// hollow, and the ε threshold as a vertical rule — so moving ε visibly moves the line.
import * as Plot from "@observablehq/plot";
import type { RashomonSet } from "../../explain/rashomon/set";
import { NEUTRAL } from "../colors";
import { draw, frame, labelMargin } from "../frame";
import { count, fmt, PlotError, type BasePlotOptions } from "../options";
import { tagged } from "../tags";
import { base } from "./dom";

export type RashomonViewOptions = BasePlotOptions;

const MEMBER = "#1565c0", EXCLUDED = "#999";

/** Members (filled) vs excluded (hollow) candidates by loss, with the threshold and the best model marked. */
export function rashomonView(set: RashomonSet, options: RashomonViewOptions = {}): SVGSVGElement | HTMLElement {
  if (!set || !Array.isArray(set.scores) || set.scores.length === 0) {
    throw new PlotError("rashomonView draws the result of crossexam.rashomonSet(candidates, data, {target, epsilon})");
  }
  const o = base(options);
  const best = set.best.name;
  const rows = set.scores.map((s) => ({ ...s, status: s.withinEpsilon ? "member" : "excluded", best: s.model === best }));
  const order = [...rows].sort((a, b) => a.loss - b.loss).map((r) => r.model);
  const members = rows.filter((r) => r.withinEpsilon).length;
  return draw(frame(o, {
    title: o.title ?? `Rashomon set: ${members} of ${count(rows.length, "candidate")} within ε = ${fmt(set.epsilon)}`,
    subtitle: o.subtitle ?? `filled: members, hollow: excluded · rule: ${set.rule}`,
    height: o.height ?? 40 + 20 * rows.length + 42,
    marginLeft: labelMargin(order),
    marginRight: 24,
    x: { label: o.xLabel ?? `${set.metric} (lower is better)`, grid: true, tickFormat: fmt, labelAnchor: "center", labelArrow: "none", inset: 10 },
    y: { label: null, domain: order },
    marks: [
      Plot.ruleX([set.threshold], { stroke: "#c62828", strokeWidth: 1.5, strokeDasharray: "5 3" }),
      Plot.text([set.threshold], { x: (d: number) => d, frameAnchor: "top", dy: -10, text: () => `threshold ${fmt(set.threshold)}`, fill: "#c62828", textAnchor: "start", dx: 4 }),
      Plot.ruleY(rows, { y: "model", x1: rows[0] ? Math.min(...rows.map((r) => r.loss)) : 0, x2: "loss", stroke: NEUTRAL, strokeOpacity: 0.25 }),
      // members filled, excluded hollow: literal colours (no scale), so every candidate is drawn
      Plot.dot(rows, {
        x: "loss", y: "model", r: 5.5, strokeWidth: 1.8,
        stroke: (d: typeof rows[number]) => (d.withinEpsilon ? MEMBER : EXCLUDED),
        fill: (d: typeof rows[number]) => (d.withinEpsilon ? MEMBER : "white"),
        title: (d: typeof rows[number]) => `${d.model}: ${set.metric} ${fmt(d.loss)}${d.best ? " (best)" : ""} — ${d.status}`,
        render: tagged((i) => ({ "data-model": rows[i].model, "data-member": String(rows[i].withinEpsilon) })),
      }),
      Plot.text(rows.filter((r) => r.best), { x: "loss", y: "model", text: () => "best", dx: 10, textAnchor: "start", fill: MEMBER, fontWeight: "bold" }),
    ],
  }));
}
