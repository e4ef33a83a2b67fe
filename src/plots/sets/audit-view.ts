// An audit's findings as a list a person can act on: severity, the sentence, and a button naming
// the panel that shows it. The element is an Observable input: its `value` is the chosen finding's
// panel ({kind, feature, features, slice} plus the finding), and a click dispatches "input", so
// `const panel = view(crossexam.auditView(a))` lets a cell below draw that panel.
import type { Audit, Finding, Panel } from "../../audit/types";
import { conditionText } from "../../explain/rashomon/conditions";
import { PlotError, type BasePlotOptions } from "../options";
import { base, card, el, SEVERITY_COLOR } from "./dom";

export type AuditViewOptions = Pick<BasePlotOptions, "document" | "width" | "title">;

/** What the view's `value` holds: the finding's panel, and the finding itself. */
export interface ChosenPanel extends Panel {
  finding: Finding;
  /** the finding's position in `audit.findings` */
  index: number;
}

const PANEL_NAME: Record<Panel["kind"], string> = {
  importance: "importance", pdp: "partial dependence", ale: "ALE", residuals: "residuals", performance: "performance", shap: "SHAP",
};

/** "partial dependence of Income on Debt > 1390 and Amount > 1000" */
export function panelLabel(panel: Panel): string {
  const of = panel.features?.length ? ` of ${panel.features.join(" × ")}` : panel.feature ? ` of ${panel.feature}` : "";
  const on = panel.slice?.length ? ` on ${panel.slice.map(conditionText).join(" and ")}` : "";
  return `${PANEL_NAME[panel.kind] ?? panel.kind}${of}${on}`;
}

export function auditView(audit: Audit, options: AuditViewOptions = {}): HTMLDivElement & { value: ChosenPanel | null } {
  if (!audit || !Array.isArray(audit.findings)) throw new PlotError("auditView draws the result of crossexam.audit(models, data, {target})");
  const o = base(options);
  const doc = o.document;
  const root = card(doc, o.width,
    el(doc, "h3", "margin:0 0 4px;font-size:15px", options.title ?? `Audit of ${audit.models.length === 1 ? audit.focus : `${audit.models.length} models (focus: ${audit.focus})`}: ${audit.findings.length} finding${audit.findings.length === 1 ? "" : "s"}`),
    el(doc, "p", "margin:0 0 8px;color:#555;font-size:12px", "Click a finding to show its panel in the cell below."),
  ) as HTMLDivElement & { value: ChosenPanel | null };
  const list = el(doc, "ol", "margin:0;padding:0;list-style:none");
  const items: HTMLLIElement[] = [];
  const choose = (index: number, notify: boolean) => {
    const finding = audit.findings[index];
    root.value = { ...finding.panel, finding, index };
    items.forEach((li, k) => li.style.setProperty("background", k === index ? "#eef3fb" : "transparent"));
    if (notify) root.dispatchEvent(new (doc.defaultView?.Event ?? Event)("input", { bubbles: true }));
  };
  audit.findings.forEach((f, index) => {
    const colour = SEVERITY_COLOR[f.severity];
    const button = el(doc, "button", "margin-left:6px;font:12px system-ui,sans-serif;border:1px solid #bbb;border-radius:4px;background:#fff;cursor:pointer;padding:1px 6px", `→ ${panelLabel(f.panel)}`);
    button.type = "button";
    button.setAttribute("data-panel", f.panel.kind);
    if (f.panel.feature) button.setAttribute("data-feature", f.panel.feature);
    const li = el(doc, "li", "padding:4px 6px;border-left:4px solid " + colour + ";margin:0 0 4px;cursor:pointer",
      el(doc, "span", `color:${colour};font-weight:600;text-transform:uppercase;font-size:11px;margin-right:6px`, f.severity),
      f.title, button,
    );
    li.setAttribute("data-finding", String(index));
    li.setAttribute("data-kind", f.kind);
    li.addEventListener("click", () => choose(index, true));
    items.push(li);
    list.append(li);
  });
  if (audit.findings.length === 0) list.append(el(doc, "li", "color:#555", "No findings: every check passed its threshold."));
  root.append(list);
  root.value = null;
  if (audit.findings.length > 0) choose(0, false);
  return root;
}
