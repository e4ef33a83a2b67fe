// "Explore a model" without a terminal: from the files a user picked or dropped (ONNX models,
// perhaps their cards, one table) to the notebook `crossexam new` would write for them. The
// decisions are src/scaffold's (feature order, target, the notebook's cells); this module only
// reads the files in the browser and names the form's fields where the command names options.
import { loadTable } from "../../data/index";
import { describeModel, parseCard, type ModelCard, type ModelDescription } from "../../model/index";
import type { Notebook } from "../../notebook/types";
import { dataFolderName, resolveFeatures, scaffoldNotebook, ScaffoldError, type ModelFacts, type ScaffoldModel } from "../../scaffold/index";

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export interface ExploreRequest {
  files: PickedFile[];
  /** the form's Target field (optional) */
  target?: string;
  /** the form's Features field: table columns in the model's input order (optional) */
  features?: string[];
  /** the form's Class field (optional) */
  klass?: string;
}

export interface ExplorePlan {
  title: string;
  /** a folder name for the files and the notebook (`data/<folder>/`, `notebooks/<folder>.html`) */
  folder: string;
  /** the files to keep beside each other: models, their cards, the table */
  files: PickedFile[];
  target: string;
  /** the table's columns (the form's Target field offers them) */
  columns: string[];
  /** the notebook, given where its files are (`pathOf(name)` → what FileAttachment reads) */
  notebook(pathOf: (name: string) => string): Notebook;
}

/** Which field of the form would settle a refusal, for the form to show it. */
export type AskedField = "features" | "target" | undefined;

/** A refusal the form shows in place; `field` is the form field that settles it. */
export class ExploreError extends Error {
  override name = "ExploreError";
  constructor(message: string, readonly field: AskedField = undefined, readonly columns?: string[]) {
    super(message);
  }
}

const TABLE = /\.(csv|tsv|json|parquet|arrow)$/i;

const stem = (name: string) => name.replace(/\.onnx$/i, "");

// the scaffold names the command's options; the form has fields of those names
function inFormWords(message: string): string {
  return message
    .replace(/--features a,b,…/g, "the Features field (table columns in the model's input order, comma-separated)")
    .replace(/with --features/g, "in the Features field").replace(/--features/g, "the Features field")
    .replace(/with --target/g, "in the Target field").replace(/--target/g, "the Target field")
    .replace(/choose another name with --out, or remove it/g, "rename your file");
}

// naming the target is one choice among the columns: asked first when either would settle it
function askedField(message: string): AskedField {
  if (/--target|name it|name the target/.test(message)) return "target";
  if (/--features/.test(message)) return "features";
  return undefined;
}

/** Sort the files: models (`.onnx`), cards (`NAME.card.json`) and exactly one table. */
export function sortFiles(files: PickedFile[]): { models: PickedFile[]; cards: Map<string, PickedFile>; table: PickedFile } {
  const models = files.filter((f) => /\.onnx$/i.test(f.name));
  const cards = new Map(files.filter((f) => /\.card\.json$/i.test(f.name)).map((f) => [f.name.replace(/\.card\.json$/i, ""), f]));
  const tables = files.filter((f) => TABLE.test(f.name) && !/\.card\.json$/i.test(f.name));
  const other = files.filter((f) => !models.includes(f) && !tables.includes(f) && ![...cards.values()].includes(f));
  if (other.length) throw new ExploreError(`${other.map((f) => f.name).join(", ")}: not a model (.onnx), a card (.card.json) or a table (.csv, .tsv, .json, .parquet, .arrow)`);
  if (models.length === 0) throw new ExploreError("add the model: an .onnx file (several for a champion and challengers)");
  if (tables.length === 0) throw new ExploreError("add the table the model is to be questioned on: a .csv, .tsv, .json, .parquet or .arrow file");
  if (tables.length > 1) throw new ExploreError(`give one table, not ${tables.length} (${tables.map((t) => t.name).join(", ")})`);
  return { models, cards, table: tables[0] };
}

function readCard(file: PickedFile | undefined): ModelCard | undefined {
  if (!file) return undefined;
  try {
    return parseCard(JSON.parse(new TextDecoder().decode(file.bytes)), file.name);
  } catch (error) {
    throw new ExploreError(`${file.name} is not a usable model card: ${(error as Error).message} (see data/README.md)`);
  }
}

function describe(file: PickedFile): ModelDescription {
  try {
    return describeModel(file.bytes);
  } catch (error) {
    throw new ExploreError(`${file.name} is not a readable ONNX model: ${(error as Error).message}`);
  }
}

/** Read the files and settle everything the notebook needs, or refuse with what to add to the form. */
export async function planExplore(request: ExploreRequest): Promise<ExplorePlan> {
  const { models, cards, table } = sortFiles(request.files);
  const described = models.map(describe);
  const kinds = new Set(described.map((d) => (d.kind === "regressor" ? "regression" : "classification")));
  if (kinds.size > 1) throw new ExploreError(`the models do not share one task (${models.map((m, i) => `${m.name}: ${described[i].kind}`).join(", ")}): give models of one kind`);
  const task = [...kinds][0] as "classification" | "regression";
  const modelCards = models.map((m) => readCard(cards.get(stem(m.name))));

  let columns: string[];
  try {
    columns = (await loadTable(table.bytes, { format: table.name.split(".").pop()!.toLowerCase() })).table.columnNames();
  } catch (error) {
    throw new ExploreError(`${table.name} cannot be read as a table: ${(error as Error).message}`);
  }
  // labels made unique: a challenger must not share the champion's name
  const seen = new Map<string, number>();
  const names = models.map((m, i) => {
    const base = (typeof modelCards[i]?.name === "string" && modelCards[i]!.name) || stem(m.name);
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return k === 1 ? { label: base } : { label: `${base}-${k}`, given: `${base}-${k}` };
  });
  const facts: ModelFacts[] = models.map((m, i) => ({
    name: names[i].label, file: m.name, inputs: described[i].inputs, fileFeatures: described[i].featureNames, card: modelCards[i],
  }));
  let settled: ReturnType<typeof resolveFeatures>;
  try {
    settled = resolveFeatures(facts, { columns, table: table.name, target: request.target || undefined, features: request.features?.length ? request.features : undefined });
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error;
    throw new ExploreError(inFormWords(error.message), askedField(error.message), columns);
  }
  const { target, features } = settled;
  if (request.klass && task !== "classification") throw new ExploreError("the Class field is for classifiers: leave it empty for a regression model");

  // a multi-class model with no chosen class gets a selector: its classes, with the card's names when they fit
  const multi = described.findIndex((d) => d.kind === "multiclass");
  const fileClasses = multi >= 0 ? described[multi].classes : undefined;
  const card = multi >= 0 ? modelCards[multi] : undefined;
  const classes = !request.klass && fileClasses ? (card?.classes?.length === fileClasses.length ? card.classes : fileClasses) : undefined;

  const title = `${models.map((m) => stem(m.name)).join(", ")} on ${table.name}`;
  const kept = [...models, ...models.flatMap((m) => { const c = cards.get(stem(m.name)); return c ? [c] : []; }), table];
  return {
    title, folder: dataFolderName(table.name), files: kept, target, columns,
    notebook: (pathOf) => scaffoldNotebook({
      title, data: pathOf(table.name), target, task, class: request.klass || undefined, classes,
      models: models.map((m, i): ScaffoldModel => ({
        path: pathOf(m.name), name: names[i].given,
        features: features[i].pass ? features[i].features : undefined, featureSource: features[i].source, featureCount: features[i].features.length,
      })),
      command: undefined,
    }),
  };
}
