// Which table column feeds which model input, and which column is the target, decided once from
// what the files say: the card beside a model, the names the ONNX file stores, its input names,
// an explicit `--features` list, or else the table's own columns when they are exactly as many as
// the model reads. Pure: the caller reads the files and passes what they hold.
import { cardFeatureOrder, type ModelCard } from "../model/card";
import type { ValueDescription } from "../model/onnx-graph";

/** Something the user must settle before a notebook can be written: says what, and which option settles it. */
export class ScaffoldError extends Error {
  override name = "ScaffoldError";
}

/** Where a model's feature order came from (said in the notebook's prose). */
export type FeatureSource = "card" | "file" | "inputs" | "option" | "table";

export interface ModelFacts {
  /** the model's label (card name or file stem) */
  name: string;
  /** the file as the user named it (for messages) */
  file: string;
  inputs: ValueDescription[];
  /** names the ONNX file stores (metadata `crossexam.features` or `feature_names`) */
  fileFeatures?: string[];
  card?: ModelCard;
}

export interface ModelFeatures {
  features: string[];
  source: FeatureSource;
  /** the notebook must pass `features` to loadModel (nothing in the files says them) */
  pass: boolean;
}

export interface FeatureRequest {
  columns: readonly string[];
  /** the table's file name (for messages) */
  table: string;
  target?: string;
  /** `--features`, for the models whose files do not name their features */
  features?: string[];
  /** how the user names the target, in messages (default "with --target") */
  ask?: string;
  /** take the last column as the target when the table holds the unnamed features, then one more column */
  lastIsTarget?: boolean;
}

function width(input: ValueDescription): number | undefined {
  if (input.shape.length < 2) return 1;
  return typeof input.shape[1] === "number" ? (input.shape[1] as number) : undefined;
}

function listed(names: readonly string[], max = 12): string {
  const shown = names.slice(0, max).map((n) => `\`${n}\``).join(", ");
  return names.length > max ? `${shown}, … (${names.length} in all)` : shown;
}

/** The features the files themselves name (card, stored names, input names), or undefined. */
export function namedFeatures(model: ModelFacts): ModelFeatures | undefined {
  if (model.card) return { features: cardFeatureOrder(model.card), source: "card", pass: false };
  if (model.inputs.length > 1) return { features: model.inputs.map((i) => i.name), source: "inputs", pass: false };
  const input = model.inputs[0];
  const w = input ? width(input) : undefined;
  if (model.fileFeatures?.length && (w === undefined || model.fileFeatures.length === w)) {
    return { features: model.fileFeatures.slice(), source: "file", pass: false };
  }
  return undefined;
}

/**
 * The target: `--target`, else a card's `target` that is a column, else the one column no model
 * reads. `known` holds the features of the models whose files name them; `unknownWidths` the
 * input widths of the others (their features are still to be taken from the table).
 */
export function findTarget(request: FeatureRequest, cards: (ModelCard | undefined)[], known: string[][], unknownWidths: (number | undefined)[]): string {
  const { columns, table } = request;
  const ask = request.ask ?? "with --target";
  if (request.target !== undefined) {
    if (!columns.includes(request.target)) throw new ScaffoldError(`--target \`${request.target}\` is not a column of ${table}; its columns: ${listed(columns)}`);
    return request.target;
  }
  const fromCard = cards.map((c) => c?.target).find((t): t is string => typeof t === "string" && columns.includes(t));
  if (fromCard) return fromCard;
  const read = new Set(known.flat());
  const rest = columns.filter((c) => !read.has(c));
  if (unknownWidths.length === 0) {
    if (rest.length === 1) return rest[0];
    if (rest.length === 0) throw new ScaffoldError(`the models read every column of ${table}, so none is left to be the target: add the observed outcome to the table and name it ${ask}`);
    throw new ScaffoldError(`${rest.length} columns of ${table} are read by no model (${listed(rest)}): name the one the models predict ${ask}`);
  }
  // some model takes its features from the table: the target is the one column left over
  const w = unknownWidths[0];
  if (w !== undefined && rest.length === w && known.length === 0) {
    throw new ScaffoldError(`${table} has ${w} columns, as many as the model reads, so none is left to be the target: add the observed outcome to the table and name it ${ask}`);
  }
  // as many columns as the model reads, plus one: the table is laid out features first, then the
  // target (as pandas users write `df[features + [target]]`); the caller says so and checks its values
  if (w !== undefined && unknownWidths.every((x) => x === w) && rest.length === w + 1 && known.length === 0) {
    if (request.lastIsTarget) return rest[rest.length - 1];
    throw new ScaffoldError(
      `the model reads ${w} features in an order its file does not name, and ${table} has ${rest.length} columns: ` +
        `name the target ${ask} (the other ${w} columns, in table order, are then the features), ` +
        `or give the features in input order with --features a,b,…`,
    );
  }
  throw new ScaffoldError(`cannot tell which column of ${table} the models predict: name it ${ask} (one of ${listed(rest)})`);
}

/** One model's features: named by its files, else `--features`, else the table's columns less the target. */
export function modelFeatures(model: ModelFacts, request: FeatureRequest & { target: string }): ModelFeatures {
  const named = namedFeatures(model);
  const decided: ModelFeatures = named
    ?? (request.features ? { features: request.features.slice(), source: "option", pass: true } : fromTable(model, request));
  const absent = decided.features.filter((f) => !request.columns.includes(f));
  if (absent.length) {
    const where = { card: "its card", file: "the names stored in the file", inputs: "its input names", option: "--features", table: "" }[decided.source];
    throw new ScaffoldError(
      `model \`${model.name}\` (${model.file}) reads ${listed(absent)}, named by ${where}, which ${absent.length === 1 ? "is not a column" : "are not columns"} ` +
        `of ${request.table}; its columns: ${listed(request.columns)}`,
    );
  }
  if (decided.features.includes(request.target)) {
    throw new ScaffoldError(`model \`${model.name}\` reads the target \`${request.target}\` as a feature: name another column with --target`);
  }
  return decided;
}

function fromTable(model: ModelFacts, request: FeatureRequest & { target: string }): ModelFeatures {
  const input = model.inputs[0];
  const w = width(input);
  const candidates = request.columns.filter((c) => c !== request.target);
  if (w === undefined || candidates.length === w) return { features: candidates, source: "table", pass: true };
  throw new ScaffoldError(
    `model \`${model.name}\` (${model.file}): its input \`${input.name}\` takes ${w} features in an order the file does not name, ` +
      `and ${request.table} has ${candidates.length} columns besides the target \`${request.target}\`, so they cannot be matched by position. ` +
      `Give the features in input order with --features a,b,… (or a card ${model.file.replace(/\.onnx$/i, "")}.card.json beside the model; ` +
      `see data/README.md)`,
  );
}

/** Every model's features and the target, or a ScaffoldError saying what to add to the command. */
export function resolveFeatures(models: ModelFacts[], request: FeatureRequest): { target: string; features: ModelFeatures[] } {
  const named = models.map(namedFeatures);
  const known = named.filter((n): n is ModelFeatures => !!n).map((n) => n.features);
  if (request.features) known.push(request.features);
  const unknownWidths = request.features ? [] : models.filter((_, i) => !named[i]).map((m) => width(m.inputs[0]));
  const target = findTarget(request, models.map((m) => m.card), known, unknownWidths);
  return { target, features: models.map((m) => modelFeatures(m, { ...request, target })) };
}
