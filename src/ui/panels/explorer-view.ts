// The explorer's view: lit templates for the selection bar (feature, observation row, class,
// scale), the panels and the what-if form. Imported lazily by explorer.ts (see there why).
import { html, nothing, render } from "lit";
import { live } from "lit/directives/live.js";
import type { Batch } from "../../model/types";
import { EXPLORER_CSS } from "./explorer-styles";
import type { PanelGrid, PanelState } from "./panel-grid";
import { parseRowNumber } from "./row-input";
import { scaleLabel, type Scale } from "./scale";
import { fieldValue, type WhatIfField } from "./what-if-fields";

export interface ExplorerView {
  grid: PanelGrid;
  features: readonly string[];
  fields: WhatIfField[];
  /** the classes one may switch between (none: no class selector) */
  classes?: readonly (string | number)[];
  batch: Batch;
  /** rows of the table when `batch` is a sample of it */
  population?: number;
  /** sets the element's value and dispatches "input" when the selection changed */
  publish(): void;
  repaint(): void;
}

const LOCAL_PANELS = new Set(["whatif", "shap", "breakdown"]);

// what the observation box holds while it shows a refusal (per element: the text typed and why not)
// (and only while that row is still the observation: a click elsewhere clears it)
const rowErrors = new WeakMap<HTMLElement, { text: string; message: string; row: number }>();

/** A panel's title with what its scores are: the class (global panels) and the scale (local ones). */
export function panelTitle(title: string, id: string, scale: Scale, scoreScale: Scale, positiveClass: string | number | undefined): string {
  // (the distribution of a feature is the data's, of no class)
  if (positiveClass === undefined || id === "distribution") return title;
  return `${title} — ${scaleLabel(LOCAL_PANELS.has(id) ? scale : scoreScale, positiveClass)}`;
}

export function paintExplorer(host: HTMLElement, v: ExplorerView): void {
  const { grid, features, fields, batch } = v;
  const models = grid.models();
  const scale = grid.selection.scale ?? grid.scales[0];
  const klass = grid.positiveClass();
  const typed = rowErrors.get(host);
  const rowError = typed && typed.row === grid.selection.row ? typed : undefined;
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
      <h3>${panelTitle(state.spec.title, state.spec.id, scale, grid.scales[0], klass)}</h3>
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
        <label>observation (row) <input type="number" name="row" min="1" max=${grid.rows} step="1"
          .value=${live(rowError ? rowError.text : String(s.row + 1))} aria-invalid=${rowError ? "true" : "false"}
          @change=${act((e) => {
            // any row of the whole table, counted from 1; a bad number keeps the last good observation
            const text = (e.target as HTMLInputElement).value;
            const parsed = parseRowNumber(text, grid.rows);
            if (parsed.ok) { rowErrors.delete(host); grid.selectRow(parsed.row); } else rowErrors.set(host, { text, message: parsed.message, row: grid.selection.row });
          })}></label>
        ${rowError ? html`<span class="cx-row-error" role="alert">${rowError.message}</span>` : nothing}
        ${v.classes ? html`<label>class <select name="class" @input=${act((e) => grid.selectClass(v.classes!.find((c) => String(c) === (e.target as HTMLSelectElement).value)!))}>
          ${v.classes.map((c) => html`<option value=${String(c)} ?selected=${String(c) === String(klass)}>${c}</option>`)}</select></label>` : nothing}
        ${grid.scales.length > 1 ? html`<label title="the scale of SHAP, break-down and the observation's ICE">local explanations in
          <select name="scale" @input=${act((e) => grid.selectScale((e.target as HTMLSelectElement).value as Scale))}>
          ${grid.scales.map((sc) => html`<option value=${sc} ?selected=${sc === scale}>${sc === "probability" ? "probability" : "log-odds"}</option>`)}</select></label>` : nothing}
        ${nEdits ? html`<span class="cx-edited">${nEdits} what-if edit${nEdits > 1 ? "s" : ""}</span>
          <button name="reset" @click=${act(() => { for (const f of Object.keys(s.edits)) grid.edit(f, grid.original(f) as number | string | null); })}>reset</button>` : nothing}
        <span class="cx-rows">${models.length} model${models.length > 1 ? "s" : ""} · ${rowsLabel(batch.n, v.population, grid.samplingErrors)}</span>
      </div>
      <div class="cx-grid">
        ${states.filter((st) => !LOCAL_PANELS.has(st.spec.id) && st.spec.depends.length > 0).map(panelTemplate)}
        <section class="cx-panel" data-panel="editor"><h3>What-if: edit row ${s.row + 1}</h3>
          <form class="cx-whatif" @submit=${(e: Event) => e.preventDefault()}>${fields.map(fieldTemplate)}</form></section>
        ${states.filter((st) => LOCAL_PANELS.has(st.spec.id)).map(panelTemplate)}
        ${states.filter((st) => !LOCAL_PANELS.has(st.spec.id) && st.spec.depends.length === 0).map(panelTemplate)}
      </div>`, host);
  }
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * "4,454 rows", or on a sample "sampled 400 of 4,454 rows: PD ± 0.012, AUC ± 0.009 (1 SE)": the
 * largest standard error each sampled panel reported so far, relative to the whole table.
 */
export function rowsLabel(n: number, population: number | undefined, errors: ReadonlyMap<string, number>): string {
  if (population === undefined) return `${count(n)} rows`;
  const order = ["PD", "ALE", "importance", "AUC", "RMSE"];
  const parts = order.filter((k) => errors.has(k)).map((k) => `${k} ± ${errors.get(k)!.toPrecision(2)}`);
  return `sampled ${count(n)} of ${count(population)} rows${parts.length ? `: ${parts.join(", ")} (1 SE)` : ""}`;
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(3);
}
