// Options every plot accepts, normalised once before rendering (Observable Plot's habit: read the
// user's options up front, then render from plain, complete values).
import { format } from "d3";
import type { Explanation, ExplanationKind } from "../explain/types";

/** What every crossexam plot accepts. */
export interface BasePlotOptions {
  /** heading above the plot (default: says what is shown, e.g. "Permutation importance") */
  title?: string;
  /** a line under the title (default: the method and its parameters, where known) */
  subtitle?: string;
  /** horizontal axis label (default: the quantity shown) */
  xLabel?: string;
  /** vertical axis label (default: the quantity shown) */
  yLabel?: string;
  /** unit of the model's score, appended to score axes: "USD", "probability" … */
  units?: string;
  /** outer width in px (default 640) */
  width?: number;
  /** outer height in px (default depends on the kind; bar charts grow with the number of bars) */
  height?: number;
  /** the document to build elements in (default `globalThis.document`; pass jsdom's in Node) */
  document?: Document;
}

export interface NormalisedBase {
  title?: string;
  subtitle?: string;
  xLabel?: string;
  yLabel?: string;
  units?: string;
  width: number;
  height?: number;
  document: Document;
}

export const DEFAULT_WIDTH = 640;
export const DEFAULT_HEIGHT = 300;

export class PlotError extends Error {
  override name = "PlotError";
}

export function normaliseBase(options: BasePlotOptions = {}): NormalisedBase {
  const document = options.document ?? (globalThis as { document?: Document }).document;
  if (!document) {
    throw new PlotError("no document to draw in: pass `document` in the plot options (in Node: new JSDOM('').window.document)");
  }
  const width = options.width ?? DEFAULT_WIDTH;
  if (!(width > 0)) throw new PlotError(`width must be a positive number of pixels; got ${options.width}`);
  if (options.height !== undefined && !(options.height > 0)) throw new PlotError(`height must be a positive number of pixels; got ${options.height}`);
  return { ...options, width, document };
}

/** A label with its unit: "prediction (USD)". */
export function withUnits(label: string, units: string | undefined): string {
  return units ? `${label} (${units})` : label;
}

/** Numbers to ~3 significant digits, no trailing zeros; "−" for negatives. */
export const fmt: (n: number) => string = (() => {
  // 3 significant digits below 1,000; whole numbers with separators to 9,999 (a 3,875 loan, not
  // 3.88e+3); SI suffixes above (180k, 1.2M); exponents only for the very small
  const small = format(".2~e"), plain = format(".3~g"), whole = format(",.0f"), large = format(".3~s");
  return (n: number) => {
    if (!Number.isFinite(n)) return String(n);
    const a = Math.abs(n);
    if (a === 0) return "0";
    if (a < 1e-3) return small(n);
    if (a < 1e3) return plain(n);
    if (a < 1e4) return whole(n);
    return large(n);
  };
})();

/** Cut a long name to `max` characters with an ellipsis (the full name goes in a <title>). */
export function truncate(name: string, max = 24): string {
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}

/** One result or a list of them, checked to be of the expected kind(s). */
export function asList<V>(
  results: Explanation<V> | readonly Explanation<V>[],
  kinds: readonly ExplanationKind[],
  plotName: string,
): Explanation<V>[] {
  const list = Array.isArray(results) ? [...(results as readonly Explanation<V>[])] : [results as Explanation<V>];
  if (list.length === 0) throw new PlotError(`${plotName}: no results given; pass an explanation or a non-empty list of them`);
  list.forEach((r, i) => {
    if (!r || !kinds.includes(r.kind)) {
      throw new PlotError(`${plotName} draws ${kinds.join(" or ")} results; result ${i} is ${r ? `\`${r.kind}\`` : String(r)}`);
    }
  });
  const seen = new Set<string>();
  for (const r of list) {
    if (seen.has(r.model)) throw new PlotError(`${plotName}: two results are for model \`${r.model}\`; give one per model`);
    seen.add(r.model);
  }
  return list;
}

/** "row 17" or "edited observation", for titles. */
export function observationLabel(observation: Explanation["observation"]): string {
  if (typeof observation === "number") return `row ${observation}`;
  return observation === undefined ? "" : "edited observation";
}

/** "1 model", "12 models": a count with its noun in the right number. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
