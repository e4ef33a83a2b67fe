// `explorer({data, models, target})`: a modelStudio-style grid of linked panels in one element.
// Two selections are shared: the feature (click a bar or tick carrying data-feature) and the
// observation (click a point carrying data-row, type a row id, or edit it in the what-if form).
// The element's `.value` is `{feature, row, observation}` and it dispatches "input" on every
// change, so `const sel = view(crossexam.explorer(…))` lets later cells depend on the selection.
import type { ColumnTable } from "arquero";
import { sample, toBatch } from "../../data/index";
import type { Batch, Predictor } from "../../model/types";
import { PanelGrid } from "./panel-grid";
import type { Explainers, PanelSpec } from "./panels";
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
  /** the row selected first, as an index into `data` (default 0) */
  row?: number;
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
  const { batch, rowIds, population } = toData(options.data, features, options.target, options.maxRows ?? 500, options.row ?? 0);
  const missing = features.filter((f) => !(f in batch.columns));
  if (missing.length) throw new Error(`explorer: the data has no column ${missing.map((f) => `\`${f}\``).join(", ")}`);
  const position = (id: number) => { const i = rowIds ? rowIds.indexOf(id) : id; return i >= 0 ? i : 0; };
  const fields = whatIfFields(batch, features);
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
    features, feature: options.feature ?? features[0], row: position(options.row ?? 0),
    explainers: options.explainers, panels: options.panels, width: options.width, onChange: draw,
    featureFromImportance: options.feature === undefined, population,
  });
  host.grid = grid;
  options.invalidation?.then(() => grid.dispose());
  const idOf = (pos: number) => (rowIds ? rowIds[pos] : pos);

  let last = "";
  const publish = () => {
    const s = grid.selection;
    host.value = { feature: s.feature, row: idOf(s.row), observation: grid.observation() };
    const key = JSON.stringify([s.feature, s.row, s.edits]);
    if (key !== last) { last = key; host.dispatchEvent(new Event("input", { bubbles: true })); }
  };

  host.addEventListener("click", (e) => {
    const target = e.target as Element;
    const panel = target.closest?.(".cx-panel");
    if (!panel) return;
    const f = target.closest("[data-feature]")?.getAttribute("data-feature");
    const r = target.closest("[data-row]")?.getAttribute("data-row");
    if (f) grid.selectFeature(f);
    else if (r !== undefined && r !== null) grid.selectRow(Number(r));
    else return;
    publish();
    paint();
  });

  publish();
  void import("./explorer-view").then(({ paintExplorer }) => {
    paint = () => paintExplorer(host, { grid, features, fields, models, batch, idOf, position, publish, population, repaint: () => paint() });
    paint();
  });
  return host;
}

/** The batch the panels explain; on a sample, its rows' ids in the table and the table's row count. */
function toData(data: ColumnTable | Batch, features: readonly string[], target: string, maxRows: number, keep: number): { batch: Batch; rowIds?: number[]; population?: number } {
  if ("columns" in data && typeof (data as Batch).n === "number") {
    const b = data as Batch;
    if (!(target in b.columns)) throw new Error(`explorer: the data has no target column \`${target}\``);
    return { batch: b };
  }
  const table = data as ColumnTable;
  const names = [...features, target];
  if (table.numRows() <= maxRows) return { batch: toBatch(table, names) };
  // a seeded sample that always holds the row asked for first
  const rows = Array.from(sample(table, maxRows, { seed: 1 }).rows);
  if (Number.isInteger(keep) && keep >= 0 && keep < table.numRows() && !rows.includes(keep)) rows[0] = keep;
  rows.sort((a, b) => a - b);
  const picked = table.reify(rows);
  return { batch: toBatch(picked, names), rowIds: rows, population: table.numRows() };
}
