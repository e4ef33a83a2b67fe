// A feature's distribution in a batch: a histogram for numbers, bar counts (top k levels and
// "others") for categories; missing values counted in the subtitle.
import * as Plot from "@observablehq/plot";
import type { Batch } from "../model/types";
import { draw, frame, labelMargin } from "./frame";
import { DEFAULT_HEIGHT, fmt, normaliseBase, PlotError, truncate, type BasePlotOptions } from "./options";
import { tagged } from "./tags";
import { othersLabel, topK } from "./top-k";

export interface DistributionPlotOptions extends BasePlotOptions {
  /** histogram bins, roughly (default 30) */
  bins?: number;
  /** categorical levels shown; the rest are summed into "others (n)" (default 12) */
  topK?: number;
}

export function distributionPlot(data: Batch, feature: string, options: DistributionPlotOptions = {}): SVGSVGElement | HTMLElement {
  const o = normaliseBase(options);
  const col = data.columns[feature];
  if (col === undefined) throw new PlotError(`distributionPlot: no column \`${feature}\`; the data has: ${Object.keys(data.columns).join(", ")}`);
  const numeric = col instanceof Float64Array || col instanceof Float32Array;
  const values: (number | string)[] = [];
  let missing = 0;
  for (let i = 0; i < data.n; i++) {
    const v = col[i];
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) missing++;
    else values.push(numeric ? (v as number) : String(v));
  }
  const subtitle = o.subtitle ?? `${values.length} values${missing ? ` · ${missing} missing` : ""}`;
  const tag = tagged(() => ({ "data-feature": feature }));
  if (numeric) {
    return draw(frame(o, {
      title: o.title ?? `Distribution of ${feature}`,
      subtitle,
      height: o.height ?? DEFAULT_HEIGHT - 40,
      marginLeft: 48,
      x: { label: o.xLabel ?? (o.units ? `${feature} (${o.units})` : feature), tickFormat: fmt, labelAnchor: "center", labelArrow: "none" },
      y: { label: o.yLabel ?? "rows", grid: true, labelArrow: "none" },
      marks: [
        // (binX's typings omit the rect options it passes through)
        Plot.rectY(values as number[], Plot.binX({ y: "count" }, { x: (d: number) => d, thresholds: options.bins ?? 30, fill: "#4269d0", insetLeft: 0.5, insetRight: 0.5, render: tag } as Plot.BinXInputs<Plot.RectYOptions>)),
        Plot.ruleY([0]),
      ],
    }));
  }
  const counts = new Map<string, number>();
  for (const v of values as string[]) counts.set(v, (counts.get(v) ?? 0) + 1);
  const levels = [...counts.keys()];
  const { shown, rest } = topK(levels, options.topK ?? 12, (l) => counts.get(l)!);
  const display = new Map(shown.map((l) => [l, truncate(l)]));
  const rows = shown.map((l) => ({ level: l, label: display.get(l)!, count: counts.get(l)! }));
  if (rest.length) rows.push({ level: othersLabel(rest.length), label: othersLabel(rest.length), count: rest.reduce((s, l) => s + counts.get(l)!, 0) });
  const element = draw(frame(o, {
    title: o.title ?? `Distribution of ${feature}`,
    subtitle: `${subtitle} · ${levels.length} levels`,
    height: o.height ?? Math.round(70 + rows.length * 22),
    marginLeft: labelMargin(rows.map((r) => r.label)),
    x: { label: o.xLabel ?? "rows", grid: true, labelAnchor: "center", labelArrow: "none" },
    y: { label: o.yLabel ?? null, domain: rows.map((r) => r.label) },
    marks: [
      Plot.barX(rows, { x: "count", y: "label", fill: "#4269d0", title: (d: { level: string; count: number }) => `${d.level}: ${d.count}`, render: tagged((i) => ({ "data-feature": feature, "data-level": rows[i].level })), insetTop: 1, insetBottom: 1 }),
      Plot.ruleX([0]),
    ],
  }));
  // level names, not features, label this axis: only their full text goes in a <title>
  for (const text of Array.from(element.querySelectorAll('g[aria-label="y-axis tick label"] text'))) {
    const level = shown.find((l) => display.get(l) === text.textContent);
    if (level !== undefined && level !== text.textContent) {
      const t = o.document.createElementNS("http://www.w3.org/2000/svg", "title");
      t.textContent = level;
      text.appendChild(t);
    }
  }
  return element;
}
