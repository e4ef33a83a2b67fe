// Mapping the columns of a `Batch` to a model's input tensors: which column feeds which input
// (and position), and the conversion of a row range into typed arrays. Pure: no onnxruntime here.
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
  /** the value that replaces a missing value, per feature (the card's training-time imputation) */
  fills: Record<string, number>;
}

export interface PlanOptions {
  card?: ModelCard;
  /** the feature names for a single [N, p] input, in input order (overrides the card) */
  features?: string[];
  /** names the file itself lists (metadata `feature_names`) */
  fileFeatures?: string[];
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
  // null prototypes: feature names are data (`constructor`, `__proto__`)
  const encodings: Record<string, Map<string, number>> = Object.create(null);
  const fills: Record<string, number> = Object.create(null);
  for (const f of card?.features ?? []) {
    if (f.encoding) encodings[f.name] = encodingMap(f.encoding);
    if (typeof f.missing?.value === "number" && f.missing.strategy !== "nan") fills[f.name] = f.missing.value;
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
    return { features: features.slice(), bindings: [{ name: input.name, type: input.type, rank: Math.max(1, input.shape.length), features: features.slice() }], encodings, fills };
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
  return { features, bindings, encodings, fills };
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

function rowsList(rows: number[], total: number): string {
  return rows.join(", ") + (total > rows.length ? `, … (${total} rows)` : "");
}

/** Collects bad rows of one column so that a single error can name several. */
class Problems {
  rows: number[] = [];
  count = 0;
  add(r: number) { this.count++; if (this.rows.length < 5) this.rows.push(r); }
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

/** Write rows [start, end) of one column into `out` at out[(r - start) * stride + offset]. */
function fill(out: InputData, type: string, col: Column, feature: string, input: string, start: number, end: number,
  stride: number, offset: number, encoding?: Map<string, number>, fillValue?: number): void {
  // fast path: numeric typed column into a numeric input (the hot case), inlined with and without imputation
  if ((col instanceof Float64Array || col instanceof Float32Array) && (type === "float32" || type === "float64")) {
    const o = out as Float32Array;
    if (fillValue === undefined) for (let r = start, k = offset; r < end; r++, k += stride) o[k] = col[r];
    else for (let r = start, k = offset; r < end; r++, k += stride) { const v = col[r]; o[k] = v === v ? v : fillValue; }
    return;
  }
  const wrongKind = new Problems(), missing = new Problems(), unknown = new Problems(), fractional = new Problems();
  const unknownValues = new Set<string>();
  const numeric = type !== "string";
  for (let r = start, k = offset; r < end; r++, k += stride) {
    let v = col[r] as number | string | boolean | null | undefined;
    if (numeric) {
      if (typeof v === "string") {
        const code = encoding?.get(v);
        if (encoding && code === undefined) { unknown.add(r); unknownValues.add(v); continue; }
        if (code === undefined) { wrongKind.add(r); continue; }
        v = code;
      } else if (typeof v === "boolean") v = v ? 1 : 0;
      else if (v == null) v = NaN;
      if (Number.isNaN(v) && fillValue !== undefined) v = fillValue;
      if (type === "float32" || type === "float64") { (out as Float32Array)[k] = v; continue; }
      if (Number.isNaN(v)) { missing.add(r); continue; }
      if (!Number.isInteger(v)) { fractional.add(r); continue; }
      if (type === "int64") (out as BigInt64Array)[k] = BigInt(v);
      else (out as Int32Array)[k] = v;
    } else {
      if ((v == null || (typeof v === "number" && Number.isNaN(v))) && fillValue !== undefined) v = String(fillValue);
      if (v == null || (typeof v === "number" && Number.isNaN(v))) { missing.add(r); continue; }
      (out as string[])[k] = String(v);
    }
  }
  const head = `model input \`${input}\` expects ${type}, column \`${feature}\``;
  if (wrongKind.count) throw new InputMappingError(`${head} holds strings in rows ${rowsList(wrongKind.rows, wrongKind.count)} (give the category codes with an \`encoding\` in the card)`);
  if (unknown.count) throw new InputMappingError(`${head} holds categories the model was not trained on (${listed([...unknownValues], 5)}) in rows ${rowsList(unknown.rows, unknown.count)}`);
  if (missing.count) throw new InputMappingError(`${head} has missing values in rows ${rowsList(missing.rows, missing.count)}`);
  if (fractional.count) throw new InputMappingError(`${head} holds non-integer numbers in rows ${rowsList(fractional.rows, fractional.count)}`);
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
      fill(data, b.type, col, f, b.name, start, end, p, j, plan.encodings[f], plan.fills[f]);
    });
    return { name: b.name, type: b.type, data, dims: b.rank === 1 ? [n] : [n, p] };
  });
}
