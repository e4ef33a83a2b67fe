// `crossexam predict --model M.onnx --data D.csv [--features a,b,c] [--class K] [--format csv|json]`:
// one score per row of the table, in row order. A card beside the model (`M.card.json`) gives the
// feature order, category codes and missing-value fills; without one, `--features` or the table's
// own columns (when they are exactly as many as the model reads) are fed in the model's input order.
// An empty or non-finite value with no card fill is an error naming the rows; `--allow-missing`
// feeds it as NaN, and a row the model then gives no score (NaN) is an error too, never a blank.
import { parseArgs } from "node:util";
import { loadTable, toBatch } from "../data/index";
import { describeModel, loadModel, readModelBytes, type ModelCard } from "../model/index";
import { predictTable } from "../model/tree-predict";
import { cardPathFor, readCardFile } from "./describe";
import type { CommandIO } from "./io";

export const USAGE = "usage: crossexam predict --model M.onnx --data D.csv [--card C.json] [--features a,b,c] [--class K] [--format csv|json] [--allow-missing]\n";

/** Without a card or --features: the table's columns, if they are exactly what the model's single input takes. */
function featuresFromTable(columns: string[], width: number | undefined, input: string): string[] {
  if (width === undefined || columns.length === width) return columns;
  throw new Error(
    `model input \`${input}\` expects ${width} features, the table has ${columns.length} columns (${columns.join(", ")}): ` +
      `name the model's features in input order with --features, or put a card beside the model`,
  );
}

/** Whether, with no card or --features, the model's features are the table's columns (one input, no names in the file). */
async function featuresNeedTable(model: string): Promise<boolean> {
  try {
    const d = describeModel(await readModelBytes(model));
    return d.inputs.length === 1 && !(d.featureNames && d.featureNames.length);
  } catch {
    return true; // an unreadable model: loaded after the table, whose errors come first
  }
}

// rows per write: output of a million rows goes out in pieces, never as one string
const ROWS_PER_WRITE = 65_536;

/** Scores joined by `separator` (non-finite ones as `missing`), written ROWS_PER_WRITE at a time. */
function writeScores(scores: Float64Array, separator: string, missing: string, io: CommandIO): void {
  for (let start = 0; start < scores.length; start += ROWS_PER_WRITE) {
    const end = Math.min(scores.length, start + ROWS_PER_WRITE);
    let text = start > 0 ? separator : "";
    for (let r = start; r < end; r++) {
      const s = scores[r];
      text += (r > start ? separator : "") + (Number.isFinite(s) ? String(s) : missing);
    }
    io.stdout(text);
  }
}

export async function predictCommand(argv: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: false,
      options: {
        model: { type: "string" }, data: { type: "string" }, card: { type: "string" },
        features: { type: "string" }, class: { type: "string" }, format: { type: "string", default: "csv" },
        "allow-missing": { type: "boolean" },
      },
    });
  } catch (e) {
    io.stderr(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values } = parsed;
  if (!values.model || !values.data) { io.stderr(`--model and --data are required\n${USAGE}`); return 2; }
  if (values.format !== "csv" && values.format !== "json") { io.stderr(`--format must be csv or json, not \`${values.format}\`\n${USAGE}`); return 2; }
  try {
    const cardPath = values.card ?? cardPathFor(values.model);
    const card: ModelCard | undefined = cardPath ? readCardFile(cardPath) : undefined;
    let features = values.features?.split(",").map((s) => s.trim()).filter(Boolean);
    const options = { card, class: values.class, allowMissing: values["allow-missing"] };
    // the model loads (onnxruntime's wasm compiling) while the table parses, unless its features come from the
    // table's columns; its error, if any, is still reported after the table's, as when it loaded second
    const early = card || features || !(await featuresNeedTable(values.model)) ? loadModel(values.model, { ...options, features }) : undefined;
    early?.catch(() => undefined);
    let loaded: Awaited<ReturnType<typeof loadTable>>;
    try {
      loaded = await loadTable(values.data);
    } catch (e) {
      early?.then((m) => m.dispose(), () => undefined);
      throw e;
    }
    const { table, schema } = loaded;
    if (!early && !card && !features) {
      const d = describeModel(await readModelBytes(values.model));
      const w = d.inputs[0].shape.length < 2 ? 1 : d.inputs[0].shape[1];
      features = featuresFromTable(table.columnNames(), typeof w === "number" ? w : undefined, d.inputs[0].name);
    }
    const model = early ? await early : await loadModel(values.model, { ...options, features });
    const batch = toBatch(table, model.features, schema);
    // a sum of trees is scored by the tree engine when it matches onnxruntime bit for bit (and is quicker)
    const { scores } = await predictTable(model, batch);
    await model.dispose();
    const unscored: number[] = [];
    scores.forEach((s, r) => { if (!Number.isFinite(s)) unscored.push(r + 1); });
    if (unscored.length) {
      const rows = unscored.slice(0, 5).join(", ") + (unscored.length > 5 ? `, … (${unscored.length} rows)` : "");
      throw new Error(`model \`${model.name}\` gave no score (NaN or Infinity) for rows ${rows} (rows counted from 1)`
        + (values["allow-missing"] ? ": it does not handle missing values; fill them in the data, or give a card with fills" : ""));
    }
    if (values.format === "json") {
      // the same object as JSON.stringify would write, with the scores streamed into its last field
      const head = JSON.stringify({
        model: model.name, task: model.task, positiveClass: model.positiveClass, features: model.features,
        rows: scores.length, scores: [],
      });
      io.stdout(head.slice(0, -2));
      writeScores(scores, ",", "null", io);
      io.stdout("]}\n");
    } else {
      const header = model.task === "classification" ? `p_${model.positiveClass}` : "score";
      io.stdout(`${header}\n`);
      writeScores(scores, "\n", "", io);
      if (scores.length > 0) io.stdout("\n");
    }
    return 0;
  } catch (e) {
    io.stderr(`${(e as Error).message}\n`);
    return 1;
  }
}
