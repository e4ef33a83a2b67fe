// Small DOM helpers the set views share: elements with inline styles (the views must read the same
// in the notebook, the read-only view and a published page, so they carry no stylesheet), and the
// colours that say "holds / mixed / fails".
import { normaliseBase, type BasePlotOptions, type NormalisedBase } from "../options";

export const VERDICT_COLOR = { holds: "#2e7d32", mixed: "#b26a00", fails: "#c62828" } as const;
export const VERDICT_MARK = { holds: "✓", mixed: "◐", fails: "✗" } as const;
export const SEVERITY_COLOR = { alert: "#c62828", warning: "#b26a00", info: "#1565c0" } as const;

type Child = Node | string | null | undefined | false;

/** `<tag style=…>children</tag>` in the plot's document. */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document, tag: K, style: string | null, ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (style) node.setAttribute("style", style);
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(typeof c === "string" ? doc.createTextNode(c) : c);
  return node;
}

/** The document and width every view draws with (the same rules as the single-model plots). */
export function base(options: BasePlotOptions = {}): NormalisedBase {
  return normaliseBase(options);
}

/** A short list of names: "a, b, c and 4 more". */
export function names(list: readonly string[], max = 6): string {
  if (list.length <= max) return list.join(", ");
  return `${list.slice(0, max).join(", ")} and ${list.length - max} more`;
}

/** A titled box around a view (what <figure> gives a plot). */
export function card(doc: Document, width: number, ...children: Child[]): HTMLDivElement {
  return el(doc, "div", `max-width:${width}px;font:13px/1.45 system-ui,sans-serif;color:#222;margin:0 0 12px`, ...children);
}
