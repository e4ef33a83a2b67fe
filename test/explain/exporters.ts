// Shared access to the real exporters' fixtures (test/fixtures/exporters, made by make_exporters.py with
// skl2onnx, onnxmltools and torch.onnx.export; references computed from the Python models themselves).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadTable, toBatch } from "../../src/data/index";
import type { Batch } from "../../src/model/types";

const here = new URL("../fixtures/exporters/", import.meta.url);
// browser-like environments (happy-dom) give a non-file import.meta.url: tests run from the repository root
export const EXPORTERS = here.protocol === "file:" ? fileURLToPath(here) : `${process.cwd()}/test/fixtures/exporters/`;

export interface ShapReference {
  method: string;
  space: "margin" | "probability";
  outputs: { class?: number | string; column: number }[];
  base_values: number[];
  /** [output][row][feature] */
  values: number[][][];
  background?: string;
  covers?: string;
}

export interface ExporterFixture {
  name: string;
  exporter: string;
  broken?: boolean;
  defect?: string;
  task: "classification" | "regression";
  data_csv: string;
  background_csv: string;
  features: string[];
  target: string;
  classes?: (number | string)[];
  labels_in_file?: boolean;
  input_layout: { name: string; dtype: string; shape: (number | null)[]; columns: string[] }[];
  onnx: { tree_operators?: { op: string; post_transform: string; trees: number; nodes_hitrates: boolean }[] };
  predictions: { probability?: number[][]; value?: number[]; margin?: number[][] };
  shap: Record<string, ShapReference>;
  trees?: { count: number; max_depth: number; leaves: number; training_covers?: number[][] };
  /** the explained rows exactly as fed to each ONNX input */
  rows: Record<string, (number | string)[][]>;
  xgb_pred_contribs?: ShapReference;
}

/** Every working fixture with its JSON, in README order (`broken` files are left to `brokenFixtures`). */
export function exporterFixtures(): ExporterFixture[] {
  return allFixtures().filter((f) => !f.broken);
}

/** Files an exporter wrote that onnxruntime refuses (their JSON says `broken`, the defect and the expected refusal). */
export function brokenFixtures(): ExporterFixture[] {
  return allFixtures().filter((f) => f.broken);
}

function allFixtures(): ExporterFixture[] {
  if (!existsSync(`${EXPORTERS}README.md`)) return [];
  const names = readFileSync(`${EXPORTERS}README.md`, "utf8").match(/^\| `([a-z0-9_]+)\.onnx` \|/gm) ?? [];
  return names
    .map((line) => /`([a-z0-9_]+)\.onnx`/.exec(line)![1])
    .filter((n) => existsSync(`${EXPORTERS}${n}.json`) && existsSync(`${EXPORTERS}${n}.onnx`))
    .map((n) => JSON.parse(readFileSync(`${EXPORTERS}${n}.json`, "utf8")) as ExporterFixture);
}

export const onnxPath = (f: ExporterFixture) => `${EXPORTERS}${f.name}.onnx`;

/** The fixture's explained rows and background rows as batches of its feature columns. */
export async function fixtureData(f: ExporterFixture): Promise<{ data: Batch; background: Batch }> {
  const read = async (file: string) => {
    const { table, schema } = await loadTable(`${EXPORTERS}${file}`);
    return toBatch(table, f.features, schema);
  };
  return { data: await read(f.data_csv), background: await read(f.background_csv) };
}

/** Which output of a reference holds `cls` (regressors: the only one). */
export function outputFor(ref: ShapReference, cls: number | string | undefined): number {
  if (cls === undefined) return 0;
  return ref.outputs.findIndex((o) => String(o.class) === String(cls));
}

/** Largest |got − want| relative to the largest |want| (and to `floor`, for values that are all near zero). */
export function relativeError(got: ArrayLike<number>, want: number[], floor = 1e-12): number {
  const scale = Math.max(floor, ...want.map(Math.abs));
  let worst = 0;
  want.forEach((w, j) => { worst = Math.max(worst, Math.abs(got[j] - w) / scale); });
  return worst;
}

/** The `features` option a single [N, p] input needs (the file names no columns); undefined for one input per column. */
export function featuresOption(f: ExporterFixture): string[] | undefined {
  return f.input_layout.length === 1 && f.input_layout[0].columns.length > 1 ? f.features : undefined;
}

/** The classes a test explains: every class of a multiclass model, both of a binary one, none for a regressor. */
export function classesOf(f: ExporterFixture): (number | string | undefined)[] {
  return f.task === "classification" ? [...(f.classes ?? [])] : [undefined];
}
