// Text for the next questions' results (counterfactual, threshold), in the same aligned tables as
// explain-format.ts.
import type { CounterfactualValues, Explanation, ThresholdValues } from "../explain/index";
import { num, table } from "./explain-format";

function value(v: unknown): string {
  return v === null || v === undefined ? "missing" : typeof v === "number" ? num(v) : String(v);
}

export function counterfactualText(e: Explanation<CounterfactualValues>): string {
  const v = e.values;
  const obs = typeof e.observation === "number" ? `row ${e.observation}` : "the observation";
  const out = [
    `counterfactuals of ${obs} for ${e.model}: target ${v.target}${v.models > 1 ? ` in ${v.required} of ${v.models} models` : ""} (${e.evaluations} model evaluations, ${e.ms.toFixed(0)} ms)`,
    `now: ${v.predictions.map((p) => `${p.model} ${num(p.score)}`).join(", ")} · ${String(e.params.method)}`,
  ];
  if (v.note) out.push(v.note);
  const rows = (list: CounterfactualValues["counterfactuals"], label: (i: number) => string) => list.map((c, i) => [
    label(i), c.changes.map((ch) => `${ch.feature}: ${value(ch.from)} → ${value(ch.to)}`).join("; "),
    c.predictions.map((p) => `${num(p.score)}${p.meets ? "" : " (not reached)"}`).join(", "), c.distance,
    `${c.plausibility.withinRange ? "in range" : "out of range"}, ${c.plausibility.nearData ? "near data" : "far from data"}`,
  ]);
  const header = ["#", "changes (old → new)", "new score", "distance", "plausibility"];
  if (v.counterfactuals.length) out.push("", "smallest changes:", table(header, rows(v.counterfactuals, (i) => String(i + 1))).trimEnd());
  if (v.nearest.length) out.push("", "nearest rows of the data:", table(header, rows(v.nearest, (i) => `row ${v.nearest[i].row}`)).trimEnd());
  return out.join("\n") + "\n";
}

export function thresholdText(e: Explanation<ThresholdValues>): string {
  const v = e.values;
  const m = [v.at, v.optimum];
  const out = [
    `decision threshold of model ${e.model} (${e.evaluations} model evaluations, ${e.ms.toFixed(0)} ms): positive when score ≥ threshold; costs FP ${num(v.costs.fp)}, FN ${num(v.costs.fn)}`,
    table(["", "threshold", "tp", "fp", "tn", "fn", "precision", "recall", "fpr", "selection", "cost/row"],
      m.map((x, i) => [i === 0 ? "chosen" : "least cost", x.threshold, x.tp, x.fp, x.tn, x.fn, x.precision, x.recall, x.fpr, x.selectionRate, x.cost])).trimEnd(),
  ];
  if (v.groups) {
    out.push("", `by ${v.groups.attribute} at ${num(v.at.threshold)}:`, table(["group", "rows", "selection", "tpr", "fpr", "precision"],
      v.groups.rows.map((g) => [g.group, g.n, g.selectionRate, g.recall, g.fpr, g.precision])).trimEnd(),
    `gaps (largest − smallest): selection ${num(v.groups.gaps.selectionRate)}, TPR ${num(v.groups.gaps.recall)}, FPR ${num(v.groups.gaps.fpr)}`);
  }
  return out.join("\n") + "\n";
}
