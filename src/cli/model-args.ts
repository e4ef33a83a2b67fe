// Loading the model a command names, the way every command that reads a table does it: the card
// beside the model (`M.card.json`) or `--card`, else `--features`, else the names stored in the
// file, else the table's columns (less the target) when they are exactly as many as the model reads.
import { describeModel, loadModel, readModelBytes, type ModelCard, type OnnxPredictor } from "../model/index";
import { cardPathFor, readCardFile } from "./describe";

export interface ModelArgs {
  model: string;
  card?: string;
  /** comma-separated feature names in the model's input order */
  features?: string;
  class?: string;
  numThreads?: number;
  /** --allow-missing: feed missing and non-finite values as NaN where no card fills them */
  allowMissing?: boolean;
}

/** "a, b,c" → ["a", "b", "c"] (empty entries dropped). */
export function splitList(text: string | undefined): string[] | undefined {
  return text?.split(",").map((s) => s.trim()).filter(Boolean);
}

/** The model's features when nothing names them: the table's columns, less `exclude`, if they fit the single input. */
async function featuresFromTable(modelPath: string, columns: readonly string[], exclude: readonly string[]): Promise<string[] | undefined> {
  const d = describeModel(await readModelBytes(modelPath));
  if (d.inputs.length !== 1 || (d.featureNames && d.featureNames.length)) return undefined;
  const shape = d.inputs[0].shape;
  const width = shape.length < 2 ? 1 : shape[1];
  const candidates = columns.filter((c) => !exclude.includes(c));
  if (typeof width !== "number" || candidates.length === width) return candidates;
  throw new Error(
    `model input \`${d.inputs[0].name}\` expects ${width} features, the table has ${candidates.length} columns besides the target ` +
      `(${candidates.join(", ")}): name the model's features in input order with --features, or put a card beside the model`,
  );
}

/** Loads the model named by `args` for a table with `columns`; `exclude` (e.g. the target) never feeds the model by default. */
export async function loadModelForTable(args: ModelArgs, columns: readonly string[], exclude: readonly string[] = []): Promise<OnnxPredictor> {
  const cardPath = args.card ?? cardPathFor(args.model);
  const card: ModelCard | undefined = cardPath ? readCardFile(cardPath) : undefined;
  let features = splitList(args.features);
  if (!card && !features) features = await featuresFromTable(args.model, columns, exclude);
  return loadModel(args.model, { card, features, class: args.class, numThreads: args.numThreads, allowMissing: args.allowMissing });
}
