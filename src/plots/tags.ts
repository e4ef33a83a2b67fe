// The linked-panel hook: marks that stand for a feature or an observation carry `data-feature` /
// `data-row` attributes, so a panel grid can react to clicks without knowing how a plot was drawn.
import type { RenderFunction } from "@observablehq/plot";

/**
 * A render transform setting attributes on each element a mark draws. Plot binds each element
 * to its index (d3's `__data__`): a number for bars and dots, an array of indices for a line's group.
 */
export function tagged(attributes: (i: number) => Record<string, string | number | undefined>): RenderFunction {
  return function (index, scales, values, dimensions, context, next) {
    const g = next!(index, scales, values, dimensions, context) as SVGGElement | null;
    if (!g) return g;
    for (const el of Array.from(g.children)) {
      const datum = (el as unknown as { __data__?: number | number[] }).__data__;
      const i = Array.isArray(datum) ? datum[0] : datum;
      if (typeof i !== "number") continue;
      for (const [name, value] of Object.entries(attributes(i))) {
        if (value !== undefined) el.setAttribute(name, String(value));
      }
    }
    return g;
  };
}

/**
 * Tick labels shortened with an ellipsis get their full name in a <title> (a hover tooltip), and
 * every label naming a feature gets `data-feature`. `full` maps the shown label to the feature.
 */
export function labelTicks(root: Element, full: ReadonlyMap<string, string>): void {
  const doc = root.ownerDocument;
  for (const text of Array.from(root.querySelectorAll('g[aria-label$="tick label"] text'))) {
    const shown = text.textContent ?? "";
    const name = full.get(shown);
    if (name === undefined) continue;
    text.setAttribute("data-feature", name);
    if (name !== shown) {
      const title = doc.createElementNS("http://www.w3.org/2000/svg", "title");
      title.textContent = name;
      text.appendChild(title);
    }
  }
}
