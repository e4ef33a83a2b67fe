// A hypothesis result as a person reads it: the sentence, "holds in k of m", the verdict in colour,
// the models where it fails, the numbers per model, and a small plot of the evidence chosen by the
// kind (each model's PD curve for monotone, the two effect values for a sign, both dropouts for
// "more important", the value against its threshold otherwise). Draws only what `check` returned.
import * as Plot from "@observablehq/plot";
import type { HypothesisResult } from "../../hypotheses/types";
import { isHypothesisResult } from "../../hypotheses/report";
import { draw, frame, labelMargin } from "../frame";
import { fmt, PlotError, type BasePlotOptions } from "../options";
import { base, card, el, names, VERDICT_COLOR, VERDICT_MARK } from "./dom";
import { evidenceMarks } from "./hypothesis-evidence";

export type HypothesisViewOptions = BasePlotOptions;

/** One result, or a list of them stacked (a summary line first). */
export function hypothesisView(results: HypothesisResult | readonly HypothesisResult[], options: HypothesisViewOptions = {}): HTMLDivElement {
  const list = (Array.isArray(results) ? results : [results]) as HypothesisResult[];
  if (list.length === 0) throw new PlotError("hypothesisView: no results given; pass crossexam.check(…) or crossexam.checkAll(…)");
  list.forEach((r, i) => {
    if (!isHypothesisResult(r)) throw new PlotError(`hypothesisView draws results of crossexam.check / checkAll; item ${i} is not one (did you forget await?)`);
  });
  const o = base(options);
  const doc = o.document;
  const root = card(doc, o.width);
  if (list.length > 1) {
    const count = (v: HypothesisResult["verdict"]) => list.filter((r) => r.verdict === v).length;
    root.append(el(doc, "p", "margin:0 0 8px;font-weight:600", `${list.length} hypotheses: ${count("holds")} hold in every model, ${count("mixed")} in some, ${count("fails")} in none.`));
  }
  for (const r of list) root.append(one(r, o));
  return root;
}

function one(r: HypothesisResult, o: ReturnType<typeof base>): HTMLElement {
  const doc = o.document;
  const colour = VERDICT_COLOR[r.verdict];
  const expected = r.hypothesis.expected === true;
  const box = el(doc, "section", `border-left:4px solid ${colour};padding:4px 0 4px 10px;margin:0 0 14px`);
  box.setAttribute("data-verdict", r.verdict);
  box.setAttribute("data-kind", r.hypothesis.kind);
  box.append(
    el(doc, "div", "font-size:14px;font-weight:600", el(doc, "span", `color:${colour}`, `${VERDICT_MARK[r.verdict]} `), r.hypothesis.text),
    el(doc, "div", "margin:2px 0 4px",
      el(doc, "span", `color:${colour};font-weight:600`, `holds in ${r.holds} of ${r.of} model${r.of === 1 ? "" : "s"}`),
      ` — ${r.verdict === "holds" ? "every model agrees" : r.verdict === "fails" ? "no model agrees" : "the models disagree"}`,
      expected ? el(doc, "span", `margin-left:8px;font-size:11px;padding:0 5px;border-radius:3px;color:#fff;background:${r.holds === r.of ? VERDICT_COLOR.holds : VERDICT_COLOR.fails}`, r.holds === r.of ? "expected ✓" : "expected — violated") : null,
    ),
  );
  if (r.failing.length) box.append(el(doc, "div", "color:#555;font-size:12px", `fails in: ${names(r.failing, 8)}`));
  const marks = evidenceMarks(r);
  if (marks) {
    const models = r.perModel.map((v) => v.model);
    box.append(draw(frame({ ...o, title: undefined, subtitle: undefined }, {
      width: Math.min(o.width, 560),
      height: marks.height ?? 36 + 18 * models.length + 42,
      marginLeft: marks.categoricalY ? labelMargin(models) : 56,
      marginRight: 30,
      marginTop: 24,
      caption: marks.caption,
      x: marks.x, y: marks.y ?? { label: null, domain: models }, color: marks.color,
      marks: marks.marks,
    })));
  }
  box.append(evidenceTable(r, doc));
  return box;
}

/** Per model, the evidence numbers flattened ("Income.dropout"), with ✓/✗. */
function evidenceTable(r: HypothesisResult, doc: Document): HTMLElement {
  const rows = r.perModel.map((v) => ({ model: v.model, holds: v.holds, ...flatten(v.evidence) }));
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((k) => k !== "model" && k !== "holds");
  const cell = (text: string, style = "") => el(doc, "td", `padding:1px 8px;border-bottom:1px solid #eee;${style}`, text);
  const table = el(doc, "table", "border-collapse:collapse;font-size:12px;font-variant-numeric:tabular-nums",
    el(doc, "thead", null, el(doc, "tr", null, ...["", "model", ...keys].map((k) => el(doc, "th", "text-align:left;padding:1px 8px;border-bottom:1px solid #ccc;font-weight:600", k)))),
  );
  const body = el(doc, "tbody", null);
  for (const row of rows) {
    const rec = row as Record<string, unknown>;
    body.append(el(doc, "tr", null,
      cell(row.holds ? "✓" : "✗", `color:${row.holds ? VERDICT_COLOR.holds : VERDICT_COLOR.fails}`),
      cell(row.model),
      ...keys.map((k) => cell(show(rec[k]), typeof rec[k] === "number" ? "text-align:right" : "")),
    ));
  }
  table.append(body);
  return el(doc, "details", "margin-top:4px", el(doc, "summary", "cursor:pointer;color:#555;font-size:12px", `evidence per model (${rows.length})`), table);
}

function flatten(evidence: Record<string, unknown>, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(evidence)) {
    if (k === "curve") continue; // drawn, not tabulated
    if (v && typeof v === "object" && !Array.isArray(v)) Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[prefix + k] = v;
  }
  return out;
}

function show(v: unknown): string {
  if (typeof v === "number") return fmt(v);
  if (v === undefined) return "";
  return String(v);
}
