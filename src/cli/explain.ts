// `crossexam explain --model M.onnx --data D.csv --kind K …`: one explanation of one model, printed
// as the same plain `Explanation` data a notebook cell gets (`--json`) or as a readable table.
// Usage mistakes (unknown option, missing --model/--data/--kind, a malformed number) exit 2;
// everything the user can fix in the request or the files (unknown kind or feature, row out of
// range, model/table mismatch, unreadable file) exits 1 with a message saying what to change.
import { parseArgs } from "node:util";
import { loadTable, toBatch } from "../data/index";
import {
  ale, breakdown, effects, importance, modelPerformance, pdp, shap, rng, sampleIndices, takeRows, SHAP_METHODS,
  shapRows, type Explanation, type IceValues, type ShapOptions, type ShapRowsValues,
} from "../explain/index";
import type { Batch, OnnxPredictor } from "../model/index";
import { formatCsv, formatExplanation } from "./explain-format";
import type { CommandIO } from "./io";
import { explainQuestion, QUESTION_OPTIONS, QUESTION_USAGE } from "./explain-questions";
import { loadModelForTable, splitList } from "./model-args";

export const KINDS = ["importance", "pdp", "ice", "ale", "shap", "breakdown", "performance", "counterfactual", "threshold"] as const;
export type CliKind = (typeof KINDS)[number];
const NEEDS_FEATURE: readonly CliKind[] = ["pdp", "ice", "ale"];
const NEEDS_ROW: readonly CliKind[] = ["shap", "breakdown", "counterfactual"];
const NEEDS_TARGET: readonly CliKind[] = ["importance", "performance", "threshold"];

export const USAGE =
  "usage: crossexam explain --model M.onnx --data D.csv --kind importance|pdp|ice|ale|shap|breakdown|performance\n" +
  "         [--target COL] [--feature F] [--row I | --row all] [--grid a,b,c | --grid-size N] [--bins N]\n" +
  "         [--background N] [--method auto|tree|tree-path|tree-interventional|exact|permutation|kernel] [--samples N]\n" +
  "         [--covers-from TABLE.csv] [--interactions] [--allow-missing]\n" +
  "         [--repeats B] [--loss L] [--rows N] [--seed S] [--class K] [--card C.json] [--features a,b,c]\n" +
  "         [--json | --format text|json|csv]\n" +
  "  --format   text (default), json (the result a cell gets, as --json) or csv (one row per item, as a plot's CSV download)\n" +
  "  --rows N   explain over a seeded sample of N rows of the table (--row still indexes the whole table)\n" +
  "  --row all  (shap) the SHAP values of every row, or of the --rows sample, in one result\n" +
  "  --covers-from TABLE  path-dependent TreeSHAP with node covers counted from TABLE's rows\n" +
  "  --grid     values starting with a dash go after '=': --grid=-1,0,1\n" + QUESTION_USAGE;

/** A usage mistake: printed with the usage text, exit code 2. */
class UsageError extends Error {}

const OPTIONS = {
  model: { type: "string" }, data: { type: "string" }, card: { type: "string" }, features: { type: "string" },
  target: { type: "string" }, kind: { type: "string" }, feature: { type: "string" }, row: { type: "string" },
  grid: { type: "string" }, "grid-size": { type: "string" }, bins: { type: "string" },
  background: { type: "string" }, method: { type: "string" }, samples: { type: "string" }, interactions: { type: "boolean" },
  repeats: { type: "string" }, loss: { type: "string" }, rows: { type: "string" }, seed: { type: "string" },
  class: { type: "string" }, centered: { type: "boolean" }, json: { type: "boolean" }, "covers-from": { type: "string" }, "allow-missing": { type: "boolean" }, format: { type: "string" },
  ...QUESTION_OPTIONS,
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>["values"];

/** A whole number option, or undefined when absent; `min` is its least allowed value. */
function integer(values: Values, name: keyof Values, min: number): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  const n = Number(text);
  if (typeof text !== "string" || text.trim() === "" || !Number.isInteger(n) || n < min) {
    throw new UsageError(`--${String(name)} must be a whole number ≥ ${min}, not \`${String(text)}\``);
  }
  return n;
}

/** `--grid 1,2.5,3` → numbers; any entry that is not a number makes the grid a list of levels. */
export function parseGrid(text: string): (number | string)[] {
  const items = splitList(text) ?? [];
  if (items.length === 0) throw new UsageError("--grid needs at least one value, e.g. --grid 1,2,3");
  const numbers = items.map(Number);
  return numbers.every((x) => Number.isFinite(x)) ? numbers : items;
}

/** The whole parsed request, validated as far as it can be without reading files. */
interface Request {
  values: Values;
  kind: CliKind;
  seed: number;
  row?: number;
  rows?: number;
  /** --row all: explain every row (of the sample, with --rows) */
  allRows?: boolean;
}

function parseRequest(argv: string[]): Request {
  let values: Values;
  try {
    values = parseArgs({ args: argv, allowPositionals: false, options: OPTIONS }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (!values.model || !values.data || !values.kind) throw new UsageError("--model, --data and --kind are required");
  if (values.grid !== undefined && values["grid-size"] !== undefined) throw new UsageError("give --grid or --grid-size, not both");
  if (values.format !== undefined && !["text", "json", "csv"].includes(values.format)) throw new UsageError(`--format must be text, json or csv, not \`${values.format}\``);
  if (values.json && values.format !== undefined && values.format !== "json") throw new UsageError(`give --json or --format ${values.format}, not both`);
  for (const name of ["grid-size", "bins", "background", "samples", "repeats"] as const) integer(values, name, 1);
  const seed = integer(values, "seed", 0) ?? 0;
  // `--row all`: SHAP of every row of the table (or of the --rows sample) in one result
  const allRows = values.row === "all";
  if (allRows && values.kind !== "shap") throw new UsageError("--row all applies to --kind shap only");
  const row = allRows ? undefined : integer(values, "row", 0);
  const rows = integer(values, "rows", 1);
  if (values.grid !== undefined) parseGrid(values.grid);
  if (!(KINDS as readonly string[]).includes(values.kind)) {
    throw new Error(`unknown kind \`${values.kind}\`; choose one of: ${KINDS.join(", ")}`);
  }
  const kind = values.kind as CliKind;
  if (NEEDS_FEATURE.includes(kind) && !values.feature) throw new Error(`--kind ${kind} needs --feature F (one of the model's features)`);
  if (NEEDS_ROW.includes(kind) && row === undefined && !allRows) throw new Error(`--kind ${kind} needs --row I (the 0-based data row to explain)`);
  if (NEEDS_TARGET.includes(kind) && !values.target) throw new Error(`--kind ${kind} needs --target COL (the column holding the observed outcome)`);
  if (values.method !== undefined && !(SHAP_METHODS as readonly string[]).includes(values.method)) {
    throw new UsageError(`--method must be one of ${SHAP_METHODS.join(", ")}, not \`${values.method}\``);
  }
  if (values["covers-from"] !== undefined && kind !== "shap") throw new UsageError("--covers-from applies to --kind shap only");
  if (values["covers-from"] !== undefined && values.method !== undefined && !["auto", "tree", "tree-path"].includes(values.method)) {
    throw new UsageError(`--covers-from gives covers to path-dependent TreeSHAP; it does not go with --method ${values.method}`);
  }
  return { values, kind, seed, row, rows, allRows };
}

/** `rows` rows of `data` sampled with `seed`, kept in table order, and their table indices; all rows when fewer. */
function sampleRows(data: Batch, rows: number | undefined, seed: number): { data: Batch; picked?: number[] } {
  if (rows === undefined || rows >= data.n) return { data };
  const picked = Array.from(sampleIndices(data.n, rows, rng(seed))).sort((a, b) => a - b);
  return { data: takeRows(data, picked), picked };
}

/** Records the sample in the result and maps ICE curve rows back to table rows. */
function fromSample(e: Explanation, picked: number[] | undefined, tableRows: number, seed: number): Explanation {
  if (!picked) return e;
  const params = { ...e.params, sample: { rows: picked.length, of: tableRows, seed } };
  const mapped = (rows: number[]) => rows.map((r) => picked[r]);
  const values = e.kind === "ice" ? { ...(e.values as IceValues), rows: mapped((e.values as IceValues).rows) }
    : e.kind === "shap" && Array.isArray((e.values as ShapRowsValues).rows) ? { ...(e.values as ShapRowsValues), rows: mapped((e.values as ShapRowsValues).rows) }
    : e.values;
  return { ...e, params, values };
}

/** One row of `data` as a record (the observation SHAP and break-down explain). */
function record(data: Batch, row: number): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [name, col] of Object.entries(data.columns)) out[name] = col[row];
  return out;
}

/** Computes the requested explanation. */
export async function computeExplanation(req: Request): Promise<Explanation> {
  const { values, seed } = req;
  const { table, schema } = await loadTable(values.data!);
  const columns = table.columnNames();
  if (values.target && !columns.includes(values.target)) {
    throw new Error(`--target \`${values.target}\` is not a column of ${values.data}; its columns: ${columns.join(", ")}`);
  }
  const model = await loadModelForTable(
    { model: values.model!, card: values.card, features: values.features, class: values.class, allowMissing: values["allow-missing"] },
    columns, values.target ? [values.target] : [],
  );
  try {
    if (values.feature && !model.features.includes(values.feature)) {
      throw new Error(`unknown feature \`${values.feature}\`; model \`${model.name}\` reads: ${model.features.join(", ")}`);
    }
    const needed = values.target && !model.features.includes(values.target) ? [...model.features, values.target] : [...model.features];
    const full = toBatch(table, needed, schema);
    if (req.row !== undefined && req.row >= full.n) {
      throw new Error(`--row ${req.row} is outside ${values.data} (rows 0…${full.n - 1}, 0-based, the header not counted)`);
    }
    const { data, picked } = sampleRows(full, req.rows, seed);
    return fromSample(await explainKind(req, model, full, data), picked, full.n, seed);
  } finally {
    await model.dispose();
  }
}

/** The explainer call for the requested kind, on `data` (the table or its sample); observations come from `full`. */
async function explainKind(req: Request, model: OnnxPredictor, full: Batch, data: Batch): Promise<Explanation> {
  const { values, kind, seed } = req;
  // a sample's PD carries its standard error relative to the whole table
  const population = data.n < full.n ? full.n : undefined;
  const feature = values.feature!;
  const grid = values.grid !== undefined ? parseGrid(values.grid)
    : values["grid-size"] !== undefined ? { size: integer(values, "grid-size", 1) } : undefined;
  switch (kind) {
    case "performance":
      return modelPerformance(model, data, { target: values.target! });
    case "importance":
      return importance(model, data, { target: values.target!, repeats: integer(values, "repeats", 1), loss: values.loss, seed });
    case "pdp":
      return pdp(model, data, feature, { grid, population });
    case "ice": {
      // the curves and their mean over every row (the PD), from one batch, as the library's `effects`
      const both = await effects(model, data, feature, { grid, centered: values.centered ?? false, population });
      return { ...both.ice, pdp: both.pdp } as Explanation;
    }
    case "ale":
      return ale(model, data, feature, { bins: integer(values, "bins", 1) });
    case "shap":
    case "breakdown": {
      if (kind === "shap" && req.allRows) {
        const covers = await coversTable(values["covers-from"], model);
        return shapRows(model, data, {
          method: values.method as ShapOptions["method"], background: integer(values, "background", 1), samples: integer(values, "samples", 1), seed, ...covers,
        });
      }
      // the observation comes from the whole table, the background from `data` (sampled with --rows)
      const row = req.row!;
      const common = { observation: record(full, row), background: integer(values, "background", 1), seed };
      const covers = kind === "shap" ? await coversTable(values["covers-from"], model) : undefined;
      const e = kind === "shap"
        ? await shap(model, data, {
          ...common, method: values.method as ShapOptions["method"], samples: integer(values, "samples", 1), ...covers,
        })
        : await breakdown(model, data, { ...common, interactions: values.interactions ?? false });
      return { ...e, observation: row };
    }
    case "counterfactual":
    case "threshold":
      // on the whole table: the counterfactual searches near observed rows, the threshold counts every row
      return explainQuestion(kind, values, model, full, req.row);
  }
}

/** `--covers-from FILE`: the model's features of every row of FILE, to count node covers from. */
async function coversTable(file: string | undefined, model: OnnxPredictor): Promise<Pick<ShapOptions, "covers" | "coversFrom"> | undefined> {
  if (file === undefined) return undefined;
  const { table, schema } = await loadTable(file);
  const missing = model.features.filter((f) => !table.columnNames().includes(f));
  if (missing.length) {
    throw new Error(`--covers-from ${file} lacks the model's features ${missing.map((f) => `\`${f}\``).join(", ")}; its columns: ${table.columnNames().join(", ")}`);
  }
  return { covers: toBatch(table, [...model.features], schema), coversFrom: file };
}

/** Typed arrays as plain arrays and non-finite numbers as null, so the JSON is what a cell would hold. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

export async function explainCommand(argv: string[], io: CommandIO): Promise<number> {
  try {
    const req = parseRequest(argv);
    const explanation = await computeExplanation(req);
    const format = req.values.json ? "json" : req.values.format ?? "text";
    io.stdout(format === "json" ? `${JSON.stringify(explanation, jsonReplacer)}\n` : format === "csv" ? formatCsv(explanation) : formatExplanation(explanation));
    return 0;
  } catch (e) {
    // a usage mistake (from the arguments, or found while computing) shows the usage too
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n${USAGE}`);
      return 2;
    }
    io.stderr(`${(e as Error).message}\n`);
    return 1;
  }
}
