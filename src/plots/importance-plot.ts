// Permutation importance as horizontal bars: one bar per feature (per model, grouped by feature),
// the k most important shown and the rest summed into "others (n)"; whiskers span the repeats.
import * as Plot from "@observablehq/plot";
import type { ImportanceValues } from "../explain/importance";
import type { Explanation } from "../explain/types";
import { modelColorScale } from "./colors";
import { draw, frame, labelMargin } from "./frame";
import { asList, count, fmt, normaliseBase, PlotError, truncate, type BasePlotOptions } from "./options";
import { labelTicks, tagged } from "./tags";
import { othersLabel, topK } from "./top-k";

export interface ImportancePlotOptions extends BasePlotOptions {
  /** bars shown per model; the rest are summed into one "others (n)" bar (default 12) */
  topK?: number;
  /** draw the 2.5–97.5% range of the repeats as whiskers (default true) */
  whiskers?: boolean;
}

interface Row {
  model: string;
  feature: string;
  label: string;
  dropout: number;
  lower?: number;
  upper?: number;
  /** the dropout's standard error relative to the whole table, when explained on a sample */
  se?: number;
  /** the features summed into an "others" bar */
  others?: string[];
}

const BAR = 16;

export function importancePlot(
  results: Explanation<ImportanceValues> | readonly Explanation<ImportanceValues>[],
  options: ImportancePlotOptions = {},
): SVGSVGElement | HTMLElement {
  const list = asList(results, ["importance"], "importancePlot");
  const o = normaliseBase(options);
  const k = options.topK ?? 12;
  if (!(Number.isInteger(k) && k >= 1)) throw new PlotError(`importancePlot: topK must be a whole number ≥ 1; got ${options.topK}`);
  const models = list.map((r) => r.model);
  const loss = list[0].values.loss;

  // rank features by their mean importance over the models (a feature missing from a model counts 0)
  const byModel = list.map((r) => new Map(r.values.features.map((f) => [f.feature, f])));
  const names = [...new Set(list.flatMap((r) => r.values.features.map((f) => f.feature)))];
  const mean = (name: string) => byModel.reduce((s, m) => s + (m.get(name)?.dropout ?? 0), 0) / list.length;
  const { shown, rest } = topK(names, k, mean);

  const labels = new Map<string, string>();
  for (const name of shown) labels.set(uniqueLabel(name, labels), name);
  const labelOf = new Map([...labels].map(([l, n]) => [n, l]));
  const others = othersLabel(rest.length);
  const rows: Row[] = [];
  list.forEach((r, m) => {
    for (const name of shown) {
      const f = byModel[m].get(name);
      if (f) rows.push({ model: r.model, feature: name, label: labelOf.get(name)!, dropout: f.dropout, lower: f.lower, upper: f.upper, se: f.se });
    }
    if (rest.length > 0) {
      rows.push({ model: r.model, feature: others, label: others, dropout: rest.reduce((s, n) => s + (byModel[m].get(n)?.dropout ?? 0), 0), others: rest });
    }
  });
  const domain = [...shown.map((n) => labelOf.get(n)!), ...(rest.length ? [others] : [])];

  const several = list.length > 1;
  const perFeature = several ? list.length * BAR * 0.8 + 8 : BAR + 6;
  const height = o.height ?? Math.round(70 + domain.length * perFeature);
  const whiskers = options.whiskers ?? true;
  const xLabel = o.xLabel ?? `increase in ${loss} when permuted${o.units ? ` (${o.units})` : ""}`;
  const tag = tagged((i) => rows[i].others ? { "data-others": JSON.stringify(rows[i].others) } : { "data-feature": rows[i].feature });
  const title = (d: Row) => `${d.feature}\n${d.model}: ${fmt(d.dropout)}` + (d.lower !== undefined ? ` (${fmt(d.lower)} … ${fmt(d.upper!)})` : "") + (d.others ? `\n${d.others.join(", ")}` : "");

  const y = several ? "model" : "label";
  const fy = several ? "label" : undefined;

  const marks: Plot.Markish[] = [
    // "others" is a sum, not a feature: drawn paler
    Plot.barX(rows, { x: "dropout", y, fy, fill: "model", fillOpacity: (d: Row) => (d.others ? 0.45 : 1), title, render: tag, insetTop: 1, insetBottom: 1 }),
    Plot.ruleX([0]),
  ];
  if (whiskers) {
    marks.push(Plot.ruleY(rows.filter((d) => d.lower !== undefined && d.upper! > d.lower!), { x1: "lower", x2: "upper", y, fy, stroke: "#222", strokeWidth: 1.2 }));
  }
  // on a sample of a larger table: ±2 SE relative to the whole table, as a red bar over each
  const sampled = rows.filter((d) => d.se !== undefined && Number.isFinite(d.se));
  if (sampled.length) {
    marks.push(Plot.ruleY(sampled, { x1: (d: Row) => d.dropout - 2 * d.se!, x2: (d: Row) => d.dropout + 2 * d.se!, y, fy, stroke: "#c0392b", strokeWidth: 3, strokeOpacity: 0.7 }));
  }
  const element = draw(frame(o, {
    title: o.title ?? `Permutation importance${several ? ` — ${count(list.length, "model")}` : `: ${list[0].model}`}`,
    subtitle: o.subtitle ?? subtitleOf(list, whiskers),
    height,
    marginLeft: labelMargin(domain),
    marginRight: 20,
    x: { label: xLabel, grid: true, tickFormat: fmt, labelAnchor: "center", labelArrow: "none" },
    y: several ? { axis: null, domain: models } : { label: o.yLabel ?? null, domain },
    fy: several ? { label: o.yLabel ?? null, domain, padding: 0.15 } : undefined,
    color: modelColorScale(models),
    marks,
  }));
  labelTicks(element, labels);
  return element;
}

/** A shortened label that does not collide with one already taken. */
function uniqueLabel(name: string, taken: ReadonlyMap<string, string>): string {
  let label = truncate(name);
  for (let n = 2; taken.has(label); n++) label = `${truncate(name, 21)}~${n}`;
  return label;
}

function subtitleOf(list: readonly Explanation<ImportanceValues>[], whiskers: boolean): string {
  const repeats = list[0].params.repeats;
  return [
    `loss ${list[0].values.loss}, unpermuted ${list.map((r) => (list.length > 1 ? `${r.model} ` : "") + fmt(r.values.baseLoss)).join(", ")}`,
    typeof repeats === "number" ? `${repeats} repeats` : undefined,
    whiskers ? "whiskers: 2.5–97.5% of repeats" : undefined,
    sampleText(list),
  ].filter(Boolean).join(" · ");
}

/** "red: ±2 SE, sample of 400 of 4,454 rows" when the importances were computed on a sample. */
function sampleText(list: readonly Explanation<ImportanceValues>[]): string | undefined {
  const s = list[0].params.sample as { rows?: number; of?: number } | undefined;
  if (!s?.rows || !s.of) return undefined;
  return `red: ±2 SE, sample of ${s.rows.toLocaleString("en-US")} of ${s.of.toLocaleString("en-US")} rows`;
}
