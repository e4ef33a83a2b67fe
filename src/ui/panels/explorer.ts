// `explorer({data, models, target})`: a modelStudio-style grid of linked panels in one element.
// Selections are shared: the feature (click a bar or tick carrying data-feature), the observation
// (click a point carrying data-row, type a row number of the whole table, or edit it in the what-if
// form), the class of a multi-class model, and the scale of the local explanations. Big tables are
// sampled for the global panels and the background; the observation may be any row of the table.
// The element's `.value` is `{feature, row, rowNumber, observation, class, scale}` and it dispatches
// "input" on every change, so `const sel = view(crossexam.explorer(…))` lets later cells depend on it.
import type { ColumnTable } from "arquero";
import { sample, toBatch } from "../../data/index";
import type { Batch, Predictor } from "../../model/types";
import { PanelGrid } from "./panel-grid";
import type { Explainers, PanelSpec } from "./panels";
import type { Scale } from "./scale";
import { whatIfFields } from "./what-if-fields";

export interface ExplorerOptions {
  /** the data: an arquero table or a Batch holding the features and the target */
  data: ColumnTable | Batch;
  models: Predictor | readonly Predictor[];
  /** the column the models predict */
  target: string;
  /** class whose probability the scores are (default: the first model's) */
  positiveClass?: string | number;
  /** features shown (default: every feature any model reads) */
  features?: readonly string[];
  /** the feature selected first (default: the most important, once the importance panel has it) */
  feature?: string;
  /** the row selected first, as an index into `data` (default 0); the box shows it counted from 1 */
  row?: number;
  /** the scale of the local explanations (classifiers: "probability", the default, or "log-odds") */
  scale?: Scale;
  /** tables with more rows are sampled (seeded) to this many (default 500) */
  maxRows?: number;
  /** the cell's `invalidation`: all panel work stops when the cell re-runs */
  invalidation?: Promise<unknown>;
  /** replace explainers (tests count calls this way) */
  explainers?: Partial<Explainers>;
  panels?: readonly PanelSpec[];
  /** plot width in px (default 420) */
  width?: number;
}

export interface ExplorerValue {
  feature: string;
  /** index into the data given (not into the sample) */
  row: number;
  /** the same row counted from 1, as the observation box shows it */
  rowNumber: number;
  /** the class the scores are of (classifiers) */
  class?: string | number;
  scale: Scale;
  /** the row's values with the what-if edits applied */
  observation: Record<string, unknown>;
}

export interface ExplorerElement extends HTMLDivElement {
  value: ExplorerValue;
  /** the engine: selection, panel states, `idle()` */
  grid: PanelGrid;
}

export function explorer(options: ExplorerOptions): ExplorerElement {
  const models = Array.isArray(options.models) ? (options.models as Predictor[]) : [options.models as Predictor];
  if (models.length === 0) throw new Error("explorer: give at least one model in `models`");
  const features = options.features ?? [...new Set(models.flatMap((m) => m.features))];
  const { batch, rowIds, rows, recordOf } = toData(options.data, features, options.target, options.maxRows ?? 500, options.row ?? 0);
  const population = rowIds === undefined ? undefined : rows;
  const missing = features.filter((f) => !(f in batch.columns));
  if (missing.length) throw new Error(`explorer: the data has no column ${missing.map((f) => `\`${f}\``).join(", ")}`);
  // a table row's position in the sample (−1 when the sample does not hold it), and back
  const positionOf = (id: number) => (rowIds ? rowIds.indexOf(id) : id);
  const idOf = (pos: number) => (rowIds ? rowIds[pos] : pos);
  const firstRow = options.row ?? 0;
  if (!(Number.isInteger(firstRow) && firstRow >= 0 && firstRow < rows)) {
    throw new Error(`explorer: \`row\` ${firstRow} is not an index of the data (0 to ${rows - 1}; the box counts rows from 1)`);
  }
  const fields = whatIfFields(batch, features);
  const switching = classSwitch(models);
  const host = document.createElement("div") as ExplorerElement;
  host.className = "cx-explorer";

  // lit is imported when the first grid is drawn, not with this module: in Node, lit-html binds
  // to the document present at import time, and the headless runner installs one only later
  let paint = () => {};
  let scheduled = false;
  const draw = () => {
    if (scheduled) return;
    scheduled = true;
    // coalesce bursts of progress reports into one render per task
    // (and the value follows the grid's own moves: the most important feature, once known)
    setTimeout(() => { scheduled = false; paint(); publish(); }, 0);
  };
  const grid = new PanelGrid({
    models, data: batch, target: options.target, positiveClass: options.positiveClass ?? models[0].positiveClass,
    features, feature: options.feature ?? features[0], row: firstRow, rows, recordOf, positionOf,
    ...(switching ? { classes: switching.classes, modelsFor: switching.modelsFor } : {}), scale: options.scale,
    explainers: options.explainers, panels: options.panels, width: options.width, onChange: draw,
    featureFromImportance: options.feature === undefined, population,
  });
  host.grid = grid;
  options.invalidation?.then(() => grid.dispose());

  let last = "";
  const publish = () => {
    const s = grid.selection;
    const klass = grid.positiveClass();
    host.value = { feature: s.feature, row: s.row, rowNumber: s.row + 1, observation: grid.observation(), scale: s.scale ?? grid.scales[0], ...(klass !== undefined ? { class: klass } : {}) };
    const key = JSON.stringify([s.feature, s.row, s.edits, s.klass, s.scale]);
    if (key !== last) { last = key; host.dispatchEvent(new Event("input", { bubbles: true })); }
  };

  host.addEventListener("click", (e) => {
    const target = e.target as Element;
    const panel = target.closest?.(".cx-panel");
    if (!panel) return;
    const f = target.closest("[data-feature]")?.getAttribute("data-feature");
    const r = target.closest("[data-row]")?.getAttribute("data-row");
    if (f) grid.selectFeature(f);
    // (a plotted point's data-row is its position in the sample)
    else if (r !== undefined && r !== null) grid.selectRow(idOf(Number(r)));
    else return;
    publish();
    paint();
  });

  publish();
  void import("./explorer-view").then(({ paintExplorer }) => {
    paint = () => paintExplorer(host, { grid, features, fields, classes: switching?.classes, batch, publish, population, repaint: () => paint() });
    paint();
  });
  return host;
}

/** The classes every model can switch to (`forClass`), in the first model's order; none for regressors or a single class. */
export function classSwitch(models: readonly Predictor[]): { classes: (string | number)[]; modelsFor: (c: string | number) => Predictor[] } | undefined {
  type Switchable = Predictor & { classes?: (string | number)[]; forClass?: (c: string | number) => Predictor };
  const list = models as readonly Switchable[];
  if (!list.every((m) => m.task === "classification" && Array.isArray(m.classes) && typeof m.forClass === "function")) return undefined;
  const classes = list[0].classes!.filter((c) => list.every((m) => m.classes!.some((d) => String(d) === String(c))));
  if (classes.length < 2) return undefined;
  const memo = new Map<string, Predictor[]>();
  const modelsFor = (c: string | number) => {
    const key = String(c);
    if (!memo.has(key)) memo.set(key, list.map((m) => m.forClass!(m.classes!.find((d) => String(d) === key)!)));
    return memo.get(key)!;
  };
  return { classes, modelsFor };
}

interface ExplorerData {
  /** what the global panels and the background read: the table, or a seeded sample of it */
  batch: Batch;
  /** the table's row of each sample position (undefined when `batch` is the table) */
  rowIds?: number[];
  /** rows of the whole table */
  rows: number;
  /** a row of the whole table, as a record */
  recordOf?: (row: number) => Record<string, unknown>;
}

function toData(data: ColumnTable | Batch, features: readonly string[], target: string, maxRows: number, keep: number): ExplorerData {
  if ("columns" in data && typeof (data as Batch).n === "number") {
    const b = data as Batch;
    if (!(target in b.columns)) throw new Error(`explorer: the data has no target column \`${target}\``);
    return { batch: b, rows: b.n };
  }
  const table = data as ColumnTable;
  const names = [...features, target];
  const rows = table.numRows();
  if (rows <= maxRows) return { batch: toBatch(table, names), rows };
  // a seeded sample that holds the row asked for first; any other row is read from the table itself
  const picked = Array.from(sample(table, maxRows, { seed: 1 }).rows);
  if (Number.isInteger(keep) && keep >= 0 && keep < rows && !picked.includes(keep)) picked[0] = keep;
  picked.sort((a, b) => a - b);
  const batch = toBatch(table.reify(picked), names);
  // one row through the same conversion as the sample (typed numbers, NaN for missing)
  const recordOf = (row: number) => {
    const one = toBatch(table.reify([row]), names);
    return Object.fromEntries(Object.entries(one.columns).map(([k, col]) => [k, col[0]]));
  };
  return { batch, rowIds: picked, rows, recordOf };
}
