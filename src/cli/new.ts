// `crossexam new --model M.onnx [--model M2.onnx …] --data D.csv [--target T] [--class K] [--out notebooks/NAME.html]`:
// a notebook for your own model(s) and table in one step. The files go under data/<name>/ (copied,
// or linked with --link; a different file already there is never overwritten), the feature order
// and the target are read from the files (src/scaffold decides), every model is tried on the
// table's first rows before anything is written, and the notebook lays out the standard questions.
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadTable, toBatch } from "../data/index";
import { describeModel, loadModel, readModelBytes, type ModelCard, type ModelDescription } from "../model/index";
import { serializeNotebook } from "../notebook/format";
import { nodeDom } from "../notebook/node-dom";
import {
  dataFolderName, placeFile, resolveFeatures, scaffoldNotebook, ScaffoldError,
  type ModelFacts, type ModelFeatures, type Placement, type ScaffoldModel,
} from "../scaffold/index";
import { cardPathFor, readCardFile } from "./describe";
import type { CommandIO } from "./io";
import { splitList } from "./model-args";

export const USAGE =
  "usage: crossexam new --model M.onnx [--model M2.onnx …] --data D.csv|.parquet|.arrow [--target T] [--class K]\n" +
  "         [--features a,b,c] [--rows N] [--out notebooks/NAME.html] [--title TEXT] [--link] [--force]\n" +
  "  Writes a notebook that questions the model(s) on the table: performance and residuals, permutation\n" +
  "  importance, PD/ICE and ALE of the top features, SHAP and break-down of one row with a what-if form,\n" +
  "  the linked panel grid, and with several models champion–challenger comparisons.\n" +
  "  --model     an ONNX file (repeat for a champion and challengers; the first is the champion);\n" +
  "              a card M.card.json beside it is used and copied with it\n" +
  "  --data      the table (CSV, TSV, JSON, Arrow or Parquet)\n" +
  "  --target    the column the models predict (default: a card's target, or the one column no model reads)\n" +
  "  --class     the class whose probability is scored (default: the card's positive class, or the\n" +
  "              second of two; a multi-class model gets a class selector in the notebook)\n" +
  "  --features  the table columns in the model's input order, when neither the file nor a card names them\n" +
  "              and the table has not exactly as many columns besides the target\n" +
  "  --out       the notebook to write (default notebooks/<data file name>.html); files outside data/ are\n" +
  "              copied to data/<NAME>/\n" +
  "  --rows      rows in the seeded sample the explanations read (default 500)\n" +
  "  --link      link the files into data/<NAME>/ instead of copying them\n" +
  "  --force     overwrite the notebook if it exists (data files are never overwritten)\n";

class UsageError extends Error {}

/** The target's values do not fit the models (wrong column, or labels the models do not know). */
class TargetError extends ScaffoldError {}

const OPTIONS = {
  model: { type: "string", multiple: true }, data: { type: "string" }, target: { type: "string" }, class: { type: "string" },
  features: { type: "string" }, rows: { type: "string" }, out: { type: "string" }, title: { type: "string" }, link: { type: "boolean" }, force: { type: "boolean" },
} as const;

/** A path relative to `from`, with forward slashes (as FileAttachment and the notebook want it). */
function posixRelative(from: string, to: string): string {
  return relative(from, to).split("\\").join("/");
}

interface ModelInput {
  file: string;
  description: ModelDescription;
  card?: ModelCard;
  cardFile?: string;
}

function readModel(file: string): ModelInput {
  if (!existsSync(file)) throw new ScaffoldError(`--model ${file}: no such file`);
  const description = describeModel(readFileSync(file));
  const cardFile = cardPathFor(file);
  return { file, description, card: cardFile ? readCardFile(cardFile) : undefined, cardFile };
}

/** A file as the user would name it: relative to the root when inside it. */
function shown(root: string, file: string): string {
  const rel = posixRelative(root, file);
  return rel.startsWith("..") || isAbsolute(rel) ? file : rel;
}

function stem(file: string): string {
  return file.split(/[\\/]/).pop()!.replace(/\.onnx$/i, "");
}

/** Labels for the models, made unique (a challenger must not share the champion's name). */
function modelNames(models: ModelInput[]): { label: string; given?: string }[] {
  const seen = new Map<string, number>();
  return models.map((m) => {
    const base = (typeof m.card?.name === "string" && m.card.name) || stem(m.file);
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return k === 1 ? { label: base } : { label: `${base}-${k}`, given: `${base}-${k}` };
  });
}

/** The same bytes (or a link to the same file) is already there: nothing to do. */
function sameFile(source: string, target: string): boolean {
  if (realpathSync(source) === realpathSync(target)) return true;
  if (lstatSync(target).isSymbolicLink()) return false;
  return readFileSync(source).equals(readFileSync(target));
}

/** Check every placement before writing any (nothing is half-written on a refusal). */
function checkPlacements(root: string, placements: Placement[]): Placement[] {
  const byTarget = new Map<string, string>();
  const todo: Placement[] = [];
  for (const p of placements) {
    if (!p.copy) continue;
    const other = byTarget.get(p.target);
    if (other !== undefined && resolve(other) !== resolve(p.source)) {
      throw new ScaffoldError(`${p.source} and ${other} would both be ${p.target}: rename one of them`);
    }
    byTarget.set(p.target, p.source);
    const target = join(root, p.target);
    if (existsSync(target)) {
      if (!sameFile(p.source, target)) {
        throw new ScaffoldError(`${p.target} already exists and differs from ${p.source}: choose another name with --out, or remove it`);
      }
      continue;
    }
    if (!todo.some((t) => t.target === p.target)) todo.push(p);
  }
  return todo;
}

/** Load each model as the notebook will and score the table's first rows: any mismatch is found now. */
async function tryModels(facts: { file: string; features: ModelFeatures; name: string }[], data: string, target: string, klass: string | undefined, classes: (string | number)[] | undefined) {
  const { table, schema } = await loadTable(data);
  const head = table.slice(0, 200);
  const columns = [...new Set(facts.flatMap((f) => f.features.features)), target];
  const batch = toBatch(head, columns, schema);
  for (const f of facts) {
    const scored = klass ?? (classes ? String(classes[classes.length - 1]) : undefined);
    const model = await loadModel(await readModelBytes(f.file), {
      card: readModelCard(f.file), features: f.features.pass ? f.features.features : undefined, class: scored, name: f.name,
    }).catch((e: Error) => { throw new ScaffoldError(`model ${f.file}: ${e.message}`); });
    try {
      await model.predict(batch).catch((e: Error) => { throw new ScaffoldError(`model ${f.file} cannot score ${data}: ${e.message}`); });
      if (model.task === "regression" && !(batch.columns[target] instanceof Float64Array)) {
        throw new TargetError(`model ${f.file} is a regressor, but the target \`${target}\` does not hold numbers: name the column it predicts with --target`);
      }
      if (model.task === "classification") checkLabels(model.positiveClass!, model.classes ?? [], batch.columns[target] as ArrayLike<unknown>, target, f.file);
    } finally {
      await model.dispose();
    }
  }
}

function readModelCard(file: string): ModelCard | undefined {
  const path = cardPathFor(file);
  return path ? readCardFile(path) : undefined;
}

/** A classifier's scored class must be a value of the target, or every row counts as the other class. */
function checkLabels(positive: string | number, classes: (string | number)[], column: ArrayLike<unknown>, target: string, file: string) {
  const values = new Set(Array.from(column).filter((v) => v !== null && v !== undefined && !(typeof v === "number" && Number.isNaN(v))).map(String));
  if (values.size === 0 || values.has(String(positive))) return;
  throw new TargetError(
    `model ${file} scores class \`${positive}\` (its classes: ${classes.join(", ")}), but \`${target}\` holds ${[...values].slice(0, 6).join(", ")}: ` +
      `put a card beside the model whose \`classes\` name the labels in the model's order (see data/README.md), or choose the target with --target`,
  );
}

/** `root` is the project folder (holding data/ and notebooks/): the working directory. */
export async function newCommand(argv: string[], io: CommandIO, root = process.cwd()): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>["values"];
  try {
    values = parseArgs({ args: argv, allowPositionals: false, options: OPTIONS }).values;
    if (!values.model?.length || !values.data) throw new UsageError("--model and --data are required");
    if (values.rows !== undefined && !(Number.isInteger(Number(values.rows)) && Number(values.rows) >= 10)) {
      throw new UsageError(`--rows must be a whole number ≥ 10, not \`${values.rows}\``);
    }
  } catch (e) {
    io.stderr(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    io.stdout(await scaffold(values as NewValues, root));
    return 0;
  } catch (e) {
    io.stderr(`${(e as Error).message}\nnothing was written\n`);
    return 1;
  }
}

export interface NewValues {
  model: string[]; data: string; target?: string; class?: string; features?: string; rows?: string;
  out?: string; title?: string; link?: boolean; force?: boolean;
}

/** Writes the files and the notebook; returns what it did, for the terminal. */
export async function scaffold(given: NewValues, root: string): Promise<string> {
  // files are named relative to the project root (the working directory of the command)
  const values = { ...given, data: resolve(root, given.data), model: given.model.map((m) => resolve(root, m)) };
  if (!existsSync(values.data)) throw new ScaffoldError(`--data ${values.data}: no such file`);
  const models = values.model.map(readModel);
  const kinds = new Set(models.map((m) => (m.description.kind === "regressor" ? "regression" : "classification")));
  if (kinds.size > 1) throw new ScaffoldError(`the models do not share one task (${models.map((m) => `${m.file}: ${m.description.kind}`).join(", ")}): give models of one kind`);
  const task = [...kinds][0] as "classification" | "regression";

  const { table } = await loadTable(values.data);
  const columns = table.columnNames();
  const names = modelNames(models);
  const facts: ModelFacts[] = models.map((m, i) => ({
    name: names[i].label, file: m.file, inputs: m.description.inputs, fileFeatures: m.description.featureNames, card: m.card,
  }));
  const dataName = values.data.split(/[\\/]/).pop()!;
  const { target, features } = resolveFeatures(facts, { columns, table: dataName, target: values.target, features: splitList(values.features), lastIsTarget: true });
  // the last column taken as the target because of the table's layout: said, and checked by the models' labels
  const assumed = values.target === undefined && features.some((f) => f.source === "table") && target === columns[columns.length - 1];

  // a multi-class model with no chosen class gets a selector: its classes, with the card's names when they fit
  const multi = models.find((m) => m.description.kind === "multiclass");
  const fileClasses = multi?.description.classes;
  const classes = values.class === undefined && multi && fileClasses
    ? (multi.card?.classes?.length === fileClasses.length ? multi.card.classes : fileClasses) : undefined;
  await tryModels(models.map((m, i) => ({ file: m.file, features: features[i], name: names[i].label })), values.data, target, values.class, classes)
    .catch((e: Error) => { throw assumed && e instanceof TargetError ? new ScaffoldError(`${e.message}\n(\`${target}\` was taken as the target because it is the last column: name the target with --target)`) : e; });

  const out = resolve(root, values.out ?? join("notebooks", `${dataFolderName(dataName)}.html`));
  if (!out.endsWith(".html")) throw new ScaffoldError(`--out ${values.out}: a notebook file ends in .html`);
  const folder = dataFolderName(out);
  const inRoot = (file: string) => {
    const rel = posixRelative(root, file);
    return rel.startsWith("..") || isAbsolute(rel) ? undefined : rel;
  };
  const place = (file: string) => placeFile(file, inRoot(file), folder);
  const dataPlace = place(values.data);
  const modelPlaces = models.map((m) => place(m.file));
  const cardPlaces = models.flatMap((m) => (m.cardFile ? [place(m.cardFile)] : []));
  const todo = checkPlacements(root, [dataPlace, ...modelPlaces, ...cardPlaces]);

  const spec = {
    title: values.title ?? `${models.map((m) => stem(m.file)).join(", ")} on ${dataName}`,
    data: posixRelative(dirname(out), join(root, dataPlace.target)),
    target, task, class: values.class, classes, sampleRows: values.rows ? Number(values.rows) : undefined,
    models: models.map((_, i): ScaffoldModel => ({
      path: posixRelative(dirname(out), join(root, modelPlaces[i].target)), name: names[i].given,
      features: features[i].pass ? features[i].features : undefined, featureSource: features[i].source, featureCount: features[i].features.length,
    })),
    command: `crossexam new ${[...given.model.flatMap((m) => ["--model", m]), "--data", given.data].join(" ")}`,
  };
  const text = serializeNotebook(scaffoldNotebook(spec), nodeDom());
  if (existsSync(out) && !values.force && readFileSync(out, "utf8") !== text) {
    throw new ScaffoldError(`${posixRelative(root, out)} already exists: choose another --out, or pass --force to replace it`);
  }

  const lines: string[] = [];
  for (const p of todo) {
    const target = join(root, p.target);
    mkdirSync(dirname(target), { recursive: true });
    if (values.link) symlinkSync(resolve(p.source), target);
    else copyFileSync(p.source, target);
    lines.push(`${values.link ? "linked" : "copied"} ${shown(root, p.source)} → ${p.target}`);
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  const rel = posixRelative(root, out);
  const how = features.map((f, i) => `  ${names[i].label}: ${f.features.length} features from ${f.source === "table" ? "the table's columns" : f.source === "option" ? "--features" : f.source === "file" ? "the names in the file" : f.source === "inputs" ? "the input names" : "its card"}`);
  lines.push(`wrote ${rel} (target \`${target}\`${assumed ? ", the last column: --target names another" : ""}, ${task})`, ...how, `run it: npx crossexam run ${rel}    open it: npm start`);
  return `${lines.join("\n")}\n`;
}
