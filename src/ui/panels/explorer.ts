// `explorer({data, models, target})`: a modelStudio-style grid of linked panels in one element.
// Two selections are shared: the feature (click a bar or tick carrying data-feature) and the
// observation (click a point carrying data-row, type a row id, or edit it in the what-if form).
// The element's `.value` is `{feature, row, observation}` and it dispatches "input" on every
// change, so `const sel = view(crossexam.explorer(…))` lets later cells depend on the selection.
import type { ColumnTable } from "arquero";
import { html, render, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { sample, toBatch } from "../../data/index";
import type { Batch, Predictor } from "../../model/types";
import { EXPLORER_CSS } from "./explorer-styles";
import { PanelGrid, type PanelState } from "./panel-grid";
import type { Explainers, PanelSpec } from "./panels";
import { fieldValue, whatIfFields, type WhatIfField } from "./what-if-fields";

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
  /** the feature selected first (default: the first of `features`) */
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

const LOCAL_PANELS = new Set(["whatif", "shap", "breakdown"]);

export function explorer(options: ExplorerOptions): ExplorerElement {
  const models = Array.isArray(options.models) ? (options.models as Predictor[]) : [options.models as Predictor];
  if (models.length === 0) throw new Error("explorer: give at least one model in `models`");
  const features = options.features ?? [...new Set(models.flatMap((m) => m.features))];
  const { batch, rowIds } = toData(options.data, features, options.target, options.maxRows ?? 500);
  const missing = features.filter((f) => !(f in batch.columns));
  if (missing.length) throw new Error(`explorer: the data has no column ${missing.map((f) => `\`${f}\``).join(", ")}`);
  const position = (id: number) => { const i = rowIds ? rowIds.indexOf(id) : id; return i >= 0 ? i : 0; };
  const fields = whatIfFields(batch, features);
  const host = document.createElement("div") as ExplorerElement;
  host.className = "cx-explorer";

  let scheduled = false;
  const draw = () => {
    if (scheduled) return;
    scheduled = true;
    // coalesce bursts of progress reports into one render per task
    setTimeout(() => { scheduled = false; paint(); }, 0);
  };
  const grid = new PanelGrid({
    models, data: batch, target: options.target, positiveClass: options.positiveClass ?? models[0].positiveClass,
    features, feature: options.feature ?? features[0], row: position(options.row ?? 0),
    explainers: options.explainers, panels: options.panels, width: options.width, onChange: draw,
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
  const act = (change: () => void) => (e: Event) => { e.stopPropagation(); change(); publish(); paint(); };

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

  const fieldTemplate = (field: WhatIfField) => {
    const obs = grid.observation();
    const v = obs[field.feature];
    const edited = field.feature in grid.selection.edits;
    const name = html`<span class="cx-name ${field.feature === grid.selection.feature ? "selected" : ""}" title="select this feature"
      @click=${act(() => grid.selectFeature(field.feature))}>${field.feature}</span>`;
    if (field.kind === "numeric") {
      const shown = typeof v === "number" && Number.isFinite(v) ? v : field.min;
      return html`${name}<input type="range" name=${field.feature} min=${field.min} max=${field.max} step=${field.step} .value=${live(String(shown))}
          @input=${act2((e) => grid.edit(field.feature, fieldValue(field, (e.target as HTMLInputElement).value)))}>
        <span class="cx-val ${edited ? "edited" : ""}">${typeof v === "number" && Number.isFinite(v) ? formatNumber(v) : "missing"}</span>`;
    }
    return html`${name}<select name=${field.feature} .value=${live(v === null || v === undefined ? "" : String(v))}
        @input=${act2((e) => grid.edit(field.feature, fieldValue(field, (e.target as HTMLSelectElement).value)))}>
        <option value="">(missing)</option>${field.levels.map((l) => html`<option value=${l} ?selected=${l === String(v)}>${l}</option>`)}
      </select><span class="cx-val ${edited ? "edited" : ""}">${edited ? "edited" : ""}</span>`;
  };
  const act2 = (change: (e: Event) => void) => (e: Event) => { e.stopPropagation(); change(e); publish(); paint(); };

  const panelTemplate = (state: PanelState) => html`
    <section class="cx-panel ${state.status}" data-panel=${state.spec.id}>
      ${state.status === "running" ? html`<div class="cx-progress" style="width: ${Math.max(3, state.progress * 100)}%"></div>` : nothing}
      <h3>${state.spec.title}</h3>
      <div class="cx-body">${state.status === "error" ? html`<div class="cx-error">${state.error}</div>` : state.element ?? html`<em>computing…</em>`}</div>
    </section>`;

  const paint = () => {
    const s = grid.selection;
    const states = [...grid.states.values()];
    const nEdits = Object.keys(s.edits).length;
    render(html`
      <style>${EXPLORER_CSS}</style>
      <div class="cx-bar">
        <label>feature <select name="feature" .value=${live(s.feature)} @input=${act2((e) => grid.selectFeature((e.target as HTMLSelectElement).value))}>
          ${features.map((f) => html`<option value=${f} ?selected=${f === s.feature}>${f}</option>`)}</select></label>
        <label>observation (row) <input type="number" name="row" min="0" step="1" .value=${live(String(idOf(s.row)))}
          @change=${act2((e) => grid.selectRow(position(Number((e.target as HTMLInputElement).value))))}></label>
        ${nEdits ? html`<span class="cx-edited">${nEdits} what-if edit${nEdits > 1 ? "s" : ""}</span>
          <button name="reset" @click=${act(() => { for (const f of Object.keys(s.edits)) grid.edit(f, grid.original(f) as number | string | null); })}>reset</button>` : nothing}
        <span>${models.length} model${models.length > 1 ? "s" : ""} · ${batch.n} rows${rowIds ? " (sampled)" : ""}</span>
      </div>
      <div class="cx-grid">
        ${states.filter((st) => !LOCAL_PANELS.has(st.spec.id) && st.spec.depends.length > 0).map(panelTemplate)}
        <section class="cx-panel" data-panel="editor"><h3>What-if: edit row ${idOf(s.row)}</h3>
          <form class="cx-whatif" @submit=${(e: Event) => e.preventDefault()}>${fields.map(fieldTemplate)}</form></section>
        ${states.filter((st) => LOCAL_PANELS.has(st.spec.id)).map(panelTemplate)}
        ${states.filter((st) => !LOCAL_PANELS.has(st.spec.id) && st.spec.depends.length === 0).map(panelTemplate)}
      </div>`, host);
  };
  publish();
  paint();
  return host;
}

function toData(data: ColumnTable | Batch, features: readonly string[], target: string, maxRows: number): { batch: Batch; rowIds?: number[] } {
  if ("columns" in data && typeof (data as Batch).n === "number") {
    const b = data as Batch;
    if (!(target in b.columns)) throw new Error(`explorer: the data has no target column \`${target}\``);
    return { batch: b };
  }
  const table = data as ColumnTable;
  const names = [...features, target];
  if (table.numRows() <= maxRows) return { batch: toBatch(table, names) };
  const s = sample(table, maxRows, { seed: 1 });
  return { batch: toBatch(s.table, names), rowIds: Array.from(s.rows) };
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(3);
}
