// Mapping the columns of a `Batch` to a model's input tensors: which column feeds which input
// (and position), and the conversion of a row range into typed arrays. Pure: no onnxruntime here.
//
// Missing and non-finite values, one policy: an empty cell, NaN or ±Infinity (also `1e999`, which
// reads as Infinity) in a numeric input is replaced by the card's training-time fill for that
// feature when there is one (NaN for `strategy: "nan"`: the model was trained on NaN for missing);
// otherwise it is an error naming the column, the values and the rows
// (counted from 1), unless `allowMissing` asks to feed them to float inputs as NaN (tree ensembles
// follow their missing-value branch; other models give NaN scores, which callers refuse).
// Text that spells a number ("2.5") feeds a numeric input as that number.
import { cardFeatureOrder, type ModelCard } from "./card";
import type { ValueDescription } from "./onnx-graph";
import type { Batch, Column } from "./types";

/** A column of the table cannot be fed to the model as it is: says which column, input and rows. */
export class InputMappingError extends Error {
  override name = "InputMappingError";
}

export interface InputBinding {
  /** the model input's name */
  name: string;
  /** its element type: float32, float64, int64, int32, string, bool */
  type: string;
  /** 1 for [N] inputs, 2 for [N, width] */
  rank: number;
  /** the features feeding it, in column order */
  features: string[];
}

export interface InputPlan {
  /** every feature the model reads, in its own order */
  features: string[];
  bindings: InputBinding[];
  /** category → code, for categorical features fed to numeric inputs */
  encodings: Record<string, Map<string, number>>;
  /** what replaces a missing value, per feature: the card's training-time fill (NaN when the model takes NaN) */
  fills: Record<string, number>;
  /** feed missing and non-finite values to float inputs as NaN instead of refusing them */
  allowMissing: boolean;
}

export interface PlanOptions {
  card?: ModelCard;
  /** the feature names for a single [N, p] input, in input order (overrides the card) */
  features?: string[];
  /** names the file itself lists (metadata `feature_names`) */
  fileFeatures?: string[];
  /** feed missing and non-finite values to float inputs as NaN (default: refuse them where no card fills them) */
  allowMissing?: boolean;
}

const SUPPORTED = new Set(["float32", "float64", "int64", "int32", "string", "bool"]);

function listed(names: string[], max = 8): string {
  return names.length <= max ? names.join(", ") : `${names.slice(0, max).join(", ")}, … (${names.length} in all)`;
}

function encodingMap(e: Record<string, number> | string[]): Map<string, number> {
  return Array.isArray(e) ? new Map(e.map((v, i) => [String(v), i])) : new Map(Object.entries(e));
}

/** Decide which feature feeds each input position, checking counts and types up front. */
export function planInputs(inputs: ValueDescription[], options: PlanOptions = {}): InputPlan {
  const { card } = options;
  const allowMissing = options.allowMissing ?? false;
  // null prototypes: feature names are data (`constructor`, `__proto__`)
  const encodings: Record<string, Map<string, number>> = Object.create(null);
  const fills: Record<string, number> = Object.create(null);
  for (const f of card?.features ?? []) {
    if (f.encoding) encodings[f.name] = encodingMap(f.encoding);
    // strategy "nan": the model was trained with NaN for missing (xgboost), so NaN is this feature's fill
    if (f.missing?.strategy === "nan") fills[f.name] = NaN;
    else if (typeof f.missing?.value === "number") fills[f.name] = f.missing.value;
  }
  for (const i of inputs) {
    if (!i.isTensor) throw new InputMappingError(`model input \`${i.name}\` is a ${i.type}, not a tensor: crossexam cannot feed it`);
    if (!SUPPORTED.has(i.type)) throw new InputMappingError(`model input \`${i.name}\` has element type ${i.type}, which crossexam cannot feed (float32, float64, int64, int32, string, bool)`);
    if (i.shape.length > 2) throw new InputMappingError(`model input \`${i.name}\` has ${i.shape.length} dimensions; crossexam feeds tables ([N] or [N, p] inputs)`);
  }
  const width = (i: ValueDescription) => (i.shape.length < 2 ? 1 : typeof i.shape[1] === "number" ? (i.shape[1] as number) : undefined);

  if (inputs.length === 1) {
    const input = inputs[0];
    const w = width(input);
    const features = options.features ?? (card ? cardFeatureOrder(card) : undefined)
      ?? (options.fileFeatures && options.fileFeatures.length === w ? options.fileFeatures : undefined)
      ?? (w === 1 ? [input.name] : undefined);
    if (!features) {
      throw new InputMappingError(`model input \`${input.name}\` takes ${w ?? "several"} features in an order the file does not name: give a card or the feature names in input order`);
    }
    if (w !== undefined && features.length !== w) {
      throw new InputMappingError(`model input \`${input.name}\` expects ${w} features, ${features.length} given (${listed(features)})`);
    }
    return { features: features.slice(), bindings: [{ name: input.name, type: input.type, rank: Math.max(1, input.shape.length), features: features.slice() }], encodings, fills, allowMissing };
  }

  // several named inputs: each takes the card's features routed to it, else the column of its own name
  const bindings = inputs.map((input): InputBinding => {
    const routed = card?.features.filter((f) => f.input === input.name).sort((a, b) => (a.input_index ?? 0) - (b.input_index ?? 0)).map((f) => f.name);
    const features = routed && routed.length ? routed : [input.name];
    const w = width(input);
    if (w !== undefined && features.length !== w) {
      throw new InputMappingError(`model input \`${input.name}\` expects ${w} features, ${features.length} given (${listed(features)}): route them with \`input\` in the card`);
    }
    return { name: input.name, type: input.type, rank: Math.max(1, input.shape.length), features };
  });
  const features = bindings.flatMap((b) => b.features);
  if (options.features) {
    const absent = features.filter((f) => !options.features!.includes(f));
    if (absent.length) throw new InputMappingError(`the model's inputs are named ${listed(features)}; these are not among the given features: ${listed(absent)}`);
  }
  return { features, bindings, encodings, fills, allowMissing };
}

/** Fail early, with every problem named, when the batch lacks a column the model reads. */
export function checkColumns(plan: InputPlan, batch: Batch): void {
  const missing = plan.features.filter((f) => !Object.hasOwn(batch.columns, f));
  if (missing.length === 0) return;
  const what = missing.length === 1 ? `missing column \`${missing[0]}\`` : `missing columns ${missing.map((m) => `\`${m}\``).join(", ")}`;
  throw new InputMappingError(`${what} (the model reads: ${listed(plan.features)}; the table has: ${listed(Object.keys(batch.columns))})`);
}

export type InputData = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array | string[];

export interface EncodedInput {
  name: string;
  type: string;
  data: InputData;
  dims: number[];
}

// Rows are counted from 1 in every message, as data errors count them.
function rowsList(rows: number[], total: number): string {
  return rows.join(", ") + (total > rows.length ? `, … (${total} rows)` : "");
}

/** Collects bad rows of one column so that a single error can name several. */
class Problems {
  rows: number[] = [];
  count = 0;
  add(r: number) { this.count++; if (this.rows.length < 5) this.rows.push(r + 1); }
  toString() { return `row${this.count === 1 ? "" : "s"} ${rowsList(this.rows, this.count)}`; }
}

/** Bad rows grouped by the value they hold, for messages that name the values. */
class ValueProblems {
  readonly byValue = new Map<string, Problems>();
  count = 0;
  add(value: string, r: number) {
    this.count++;
    let p = this.byValue.get(value);
    if (!p) this.byValue.set(value, (p = new Problems()));
    p.add(r);
  }
  toString() {
    const shown = [...this.byValue].slice(0, 4).map(([v, p]) => `${v} in ${p}`);
    return shown.join(", ") + (this.byValue.size > 4 ? `, … (${this.count} cells)` : "");
  }
}

function allocate(type: string, size: number): InputData {
  switch (type) {
    case "float32": return new Float32Array(size);
    case "float64": return new Float64Array(size);
    case "int64": return new BigInt64Array(size);
    case "int32": return new Int32Array(size);
    case "bool": return new Uint8Array(size);
    default: return new Array<string>(size);
  }
}

const NON_FINITE_TEXT = /^[+-]?(nan|inf|infinity)$/i;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const FLOAT32_MAX = 3.4028234663852886e38;
// a number read as ±Infinity was written so, or too large for float64 (1e999): name both
const INFINITE_LABEL = ["Infinity (the text Infinity, or a number too large for float64 such as 1e999)", "-Infinity (or a number below -1.8e308)"];

/** How a numeric input reads one cell: a number, missing, non-finite (named), or text that is no number. */
function readNumber(v: unknown): { n: number; bad?: "missing" | "non-finite" | "text"; label?: string } {
  if (typeof v === "number") {
    if (v === v && v - v === 0) return { n: v };
    return v !== v ? { n: NaN, bad: "missing" } : { n: NaN, bad: "non-finite", label: INFINITE_LABEL[v > 0 ? 0 : 1] };
  }
  if (typeof v === "boolean") return { n: v ? 1 : 0 };
  if (v == null) return { n: NaN, bad: "missing" };
  const text = String(v).trim();
  if (text === "") return { n: NaN, bad: "missing" };
  if (NON_FINITE_TEXT.test(text)) return { n: NaN, bad: "non-finite", label: JSON.stringify(String(v)) };
  if (NUMBER_TEXT.test(text)) {
    const n = Number(text);
    return n - n === 0 ? { n } : { n: NaN, bad: "non-finite", label: `${JSON.stringify(String(v))} (beyond float64's range)` };
  }
  return { n: NaN, bad: "text", label: JSON.stringify(String(v)) };
}

/** Write rows [start, end) of one column into `out` at out[(r - start) * stride + offset]. */
function fill(out: InputData, type: string, col: Column, feature: string, input: string, start: number, end: number,
  stride: number, offset: number, encoding: Map<string, number> | undefined, fillValue: number | undefined, allowMissing: boolean): void {
  const float = type === "float32" || type === "float64";
  // what replaces a missing or non-finite value: the card's fill, else NaN when allowed (floats only)
  const substitute = fillValue ?? (allowMissing && float ? NaN : undefined);
  const wrongKind = new ValueProblems(), missing = new Problems(), nonFinite = new ValueProblems();
  const unknown = new Problems(), fractional = new Problems(), overflow = new ValueProblems();
  const unknownValues = new Set<string>();
  if ((col instanceof Float64Array || col instanceof Float32Array) && float) {
    // fast path: numeric typed column into a numeric input (the hot case); `x - x !== 0` is true for NaN and ±Infinity only
    const o = out as Float32Array;
    for (let r = start, k = offset; r < end; r++, k += stride) {
      const v = col[r];
      o[k] = v;
      if (o[k] - o[k] === 0) continue;
      if (v - v !== 0 && substitute !== undefined) o[k] = substitute;
      else if (v !== v) missing.add(r);
      else if (v - v !== 0) nonFinite.add(INFINITE_LABEL[v > 0 ? 0 : 1], r);
      else overflow.add(String(v), r);
    }
  } else {
    const numeric = type !== "string";
    for (let r = start, k = offset; r < end; r++, k += stride) {
      const v = col[r] as number | string | boolean | null | undefined;
      if (numeric) {
        let x: number;
        const code = typeof v === "string" && encoding ? encoding.get(v) : undefined;
        if (code !== undefined) x = code;
        else if (typeof v === "string" && encoding && v.trim() !== "") { unknown.add(r); unknownValues.add(v); continue; }
        else {
          const read = readNumber(v);
          x = read.n;
          if (read.bad === "text") { wrongKind.add(read.label!, r); continue; }
          if (read.bad) {
            if (substitute === undefined) { if (read.bad === "missing") missing.add(r); else nonFinite.add(read.label!, r); continue; }
            x = substitute;
          }
        }
        if (float) {
          (out as Float32Array)[k] = x;
          if (type === "float32" && Math.abs(x) > FLOAT32_MAX) overflow.add(String(x), r);
          continue;
        }
        if (!Number.isInteger(x)) { if (x === x) fractional.add(r); else missing.add(r); continue; }
        if (type === "int64") (out as BigInt64Array)[k] = BigInt(x);
        else (out as Int32Array)[k] = x;
      } else {
        let s = v;
        if ((s == null || (typeof s === "number" && Number.isNaN(s))) && fillValue !== undefined && !Number.isNaN(fillValue)) s = String(fillValue);
        if (s == null || (typeof s === "number" && Number.isNaN(s))) { missing.add(r); continue; }
        (out as string[])[k] = String(s);
      }
    }
  }
  const head = `model input \`${input}\` expects ${type}, column \`${feature}\``;
  const counted = "(rows counted from 1)";
  const remedy = float
    ? `fill them in the data, give a card whose \`${feature}\` has a \`missing.value\`, or pass --allow-missing (\`allowMissing: true\`) to feed them as NaN`
    : `fill them in the data, or give a card whose \`${feature}\` has a \`missing.value\` (a${/^[aeiou]/.test(type) ? "n" : ""} ${type} input cannot hold NaN)`;
  if (wrongKind.count) throw new InputMappingError(`${head} holds text that is not a number: ${wrongKind} ${counted} (give the category codes with an \`encoding\` in the card)`);
  if (unknown.count) throw new InputMappingError(`${head} holds categories the model was not trained on (${listed([...unknownValues], 5)}) in ${unknown} ${counted}`);
  if (nonFinite.count) throw new InputMappingError(`${head} holds non-finite values: ${nonFinite} ${counted}; ${remedy}`);
  if (missing.count) throw new InputMappingError(`${head} has missing values (empty or NaN) in ${missing} ${counted}; ${remedy}`);
  if (overflow.count) throw new InputMappingError(`${head} holds numbers beyond float32's range (±3.4e38): ${overflow} ${counted}`);
  if (fractional.count) throw new InputMappingError(`${head} holds non-integer numbers in ${fractional} ${counted}`);
}

/** The input tensors' data for rows [start, end) of the batch, row-major per input. */
export function encodeInputs(plan: InputPlan, batch: Batch, start = 0, end = batch.n): EncodedInput[] {
  const n = end - start;
  return plan.bindings.map((b) => {
    const p = b.features.length;
    const data = allocate(b.type, n * p);
    b.features.forEach((f, j) => {
      const col = batch.columns[f];
      if (!col) throw new InputMappingError(`missing column \`${f}\` (the model reads: ${listed(plan.features)})`);
      fill(data, b.type, col, f, b.name, start, end, p, j, plan.encodings[f], plan.fills[f], plan.allowMissing ?? false);
    });
    return { name: b.name, type: b.type, data, dims: b.rank === 1 ? [n] : [n, p] };
  });
}
