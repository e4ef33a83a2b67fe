// The explorer's view: lit templates for the selection bar, the panels and the what-if form.
// Imported lazily by explorer.ts (see there why).
import { html, nothing, render } from "lit";
import { live } from "lit/directives/live.js";
import type { Batch, Predictor } from "../../model/types";
import { EXPLORER_CSS } from "./explorer-styles";
import type { PanelGrid, PanelState } from "./panel-grid";
import { fieldValue, type WhatIfField } from "./what-if-fields";

export interface ExplorerView {
  grid: PanelGrid;
  features: readonly string[];
  fields: WhatIfField[];
  models: readonly Predictor[];
  batch: Batch;
  /** rows of the table when `batch` is a sample of it */
  population?: number;
  /** the user-facing row id of a position in the batch, and back */
  idOf(position: number): number;
  position(id: number): number;
  /** sets the element's value and dispatches "input" when the selection changed */
  publish(): void;
  repaint(): void;
}

const LOCAL_PANELS = new Set(["whatif", "shap", "breakdown"]);

export function paintExplorer(host: HTMLElement, v: ExplorerView): void {
  const { grid, features, fields, models, batch, idOf, position } = v;
  const act = (change: (e: Event) => void) => (e: Event) => { e.stopPropagation(); change(e); v.publish(); v.repaint(); };
  const fieldTemplate = (field: WhatIfField) => {
    const obs = grid.observation();
    const v = obs[field.feature];
    const edited = field.feature in grid.selection.edits;
    const name = html`<span class="cx-name ${field.feature === grid.selection.feature ? "selected" : ""}" title="select this feature"
      @click=${act(() => grid.selectFeature(field.feature))}>${field.feature}</span>`;
    if (field.kind === "numeric") {
      const shown = typeof v === "number" && Number.isFinite(v) ? v : field.min;
      return html`${name}<input type="range" name=${field.feature} min=${field.min} max=${field.max} step=${field.step} .value=${live(String(shown))}
          @input=${act((e) => grid.edit(field.feature, fieldValue(field, (e.target as HTMLInputElement).value)))}>
        <span class="cx-val ${edited ? "edited" : ""}">${typeof v === "number" && Number.isFinite(v) ? formatNumber(v) : "missing"}</span>`;
    }
    return html`${name}<select name=${field.feature} .value=${live(v === null || v === undefined ? "" : String(v))}
        @input=${act((e) => grid.edit(field.feature, fieldValue(field, (e.target as HTMLSelectElement).value)))}>
        <option value="">(missing)</option>${field.levels.map((l) => html`<option value=${l} ?selected=${l === String(v)}>${l}</option>`)}
      </select><span class="cx-val ${edited ? "edited" : ""}">${edited ? "edited" : ""}</span>`;
  };

  const panelTemplate = (state: PanelState) => html`
    <section class="cx-panel ${state.status}" data-panel=${state.spec.id}>
      ${state.status === "running" ? html`<div class="cx-progress" style="width: ${Math.max(3, state.progress * 100)}%"></div>` : nothing}
      <h3>${state.spec.title}</h3>
      <div class="cx-body">${state.status === "error" ? html`<div class="cx-error">${state.error}</div>` : state.element ?? html`<em>computing…</em>`}</div>
    </section>`;

  {
    const s = grid.selection;
    const states = [...grid.states.values()];
    const nEdits = Object.keys(s.edits).length;
    render(html`
      <style>${EXPLORER_CSS}</style>
      <div class="cx-bar">
        <label>feature <select name="feature" .value=${live(s.feature)} @input=${act((e) => grid.selectFeature((e.target as HTMLSelectElement).value))}>
          ${features.map((f) => html`<option value=${f} ?selected=${f === s.feature}>${f}</option>`)}</select></label>
        <label>observation (row) <input type="number" name="row" min="0" step="1" .value=${live(String(idOf(s.row)))}
          @change=${act((e) => grid.selectRow(position(Number((e.target as HTMLInputElement).value))))}></label>
        ${nEdits ? html`<span class="cx-edited">${nEdits} what-if edit${nEdits > 1 ? "s" : ""}</span>
          <button name="reset" @click=${act(() => { for (const f of Object.keys(s.edits)) grid.edit(f, grid.original(f) as number | string | null); })}>reset</button>` : nothing}
        <span class="cx-rows">${models.length} model${models.length > 1 ? "s" : ""} · ${rowsLabel(batch.n, v.population, grid.samplingErrors)}</span>
      </div>
      <div class="cx-grid">
        ${states.filter((st) => !LOCAL_PANELS.has(st.spec.id) && st.spec.depends.length > 0).map(panelTemplate)}
        <section class="cx-panel" data-panel="editor"><h3>What-if: edit row ${idOf(s.row)}</h3>
          <form class="cx-whatif" @submit=${(e: Event) => e.preventDefault()}>${fields.map(fieldTemplate)}</form></section>
        ${states.filter((st) => LOCAL_PANELS.has(st.spec.id)).map(panelTemplate)}
        ${states.filter((st) => !LOCAL_PANELS.has(st.spec.id) && st.spec.depends.length === 0).map(panelTemplate)}
      </div>`, host);
  }
}

/**
 * "4,454 rows", or on a sample "sampled 400 of 4,454 rows: PD ± 0.012, AUC ± 0.009 (1 SE)": the
 * largest standard error each sampled panel reported so far, relative to the whole table.
 */
export function rowsLabel(n: number, population: number | undefined, errors: ReadonlyMap<string, number>): string {
  const count = (x: number) => x.toLocaleString("en-US");
  if (population === undefined) return `${count(n)} rows`;
  const order = ["PD", "ALE", "importance", "AUC", "RMSE"];
  const parts = order.filter((k) => errors.has(k)).map((k) => `${k} ± ${errors.get(k)!.toPrecision(2)}`);
  return `sampled ${count(n)} of ${count(population)} rows${parts.length ? `: ${parts.join(", ")} (1 SE)` : ""}`;
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(3);
}
