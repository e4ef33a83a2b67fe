// The parts every plot shares: a Plot.plot call with our defaults (title, caption, document,
// readable type), and the left margin long feature names need.
import * as Plot from "@observablehq/plot";
import type { NormalisedBase } from "./options";

/** Plot options every crossexam plot starts from. */
export function frame(o: NormalisedBase, rest: Plot.PlotOptions): Plot.PlotOptions {
  return {
    document: o.document,
    width: o.width,
    title: o.title,
    subtitle: o.subtitle,
    style: { fontSize: "12px", overflow: "visible" },
    // room for the x label below the tick labels
    marginBottom: 42,
    ...rest,
  };
}

/** Room on the left for labels of at most `maxChars` characters at 12px (about 6.6 px each). */
export function labelMargin(labels: readonly string[], min = 40, max = 190): number {
  const longest = labels.reduce((m, l) => Math.max(m, l.length), 0);
  return Math.round(Math.min(max, Math.max(min, 12 + 6.6 * longest)));
}

/** Plot.plot, returning the figure (or bare SVG) it builds. */
export function draw(options: Plot.PlotOptions): SVGSVGElement | HTMLElement {
  return Plot.plot(options) as SVGSVGElement | HTMLElement;
}
