// The what-if form's fields, read from the data: a slider within the observed range for each
// numeric feature, a select of the observed levels (most frequent first) for each categorical one.
import type { Batch } from "../../model/types";

export interface NumericField {
  kind: "numeric";
  feature: string;
  min: number;
  max: number;
  step: number;
}

export interface CategoricalField {
  kind: "categorical";
  feature: string;
  levels: string[];
}

export type WhatIfField = NumericField | CategoricalField;

/** One field per feature, in the given order. */
export function whatIfFields(data: Batch, features: readonly string[]): WhatIfField[] {
  return features.map((feature) => {
    const col = data.columns[feature];
    if (!col) throw new Error(`what-if: the data has no column \`${feature}\`; it has ${Object.keys(data.columns).join(", ")}`);
    if (col instanceof Float64Array || col instanceof Float32Array) return numericField(feature, col);
    const counts = new Map<string, number>();
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (v !== null && v !== undefined) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    }
    const levels = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l]) => l);
    return { kind: "categorical", feature, levels };
  });
}

function numericField(feature: string, col: Float64Array | Float32Array): NumericField {
  let min = Infinity, max = -Infinity, integers = true;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && !Number.isInteger(v)) integers = false;
  }
  if (min > max) return { kind: "numeric", feature, min: 0, max: 0, step: 1 };
  // integer columns (years, counts) move in whole steps; others in about 200 steps over the range
  const step = integers ? 1 : niceStep((max - min) / 200);
  return { kind: "numeric", feature, min, max, step };
}

/** The power of ten, or 2 or 5 times it, at or just below `x` (a slider step that reads well). */
export function niceStep(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  const m = x / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

/** A field's input text as the value the models read (numbers as numbers, "" as missing). */
export function fieldValue(field: WhatIfField, text: string): number | string | null {
  if (text === "") return null;
  if (field.kind === "categorical") return text;
  const v = Number(text);
  return Number.isFinite(v) ? v : null;
}
