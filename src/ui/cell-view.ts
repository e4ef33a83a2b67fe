// <cx-cell>: one cell — its output (or its error, in place), a status line while it runs
// (elapsed time, progress bar). Read-only, its source is folded beneath; editable, the source is
// a CodeMirror editor with a toolbar (mode, run, move, insert, delete). Markdown and HTML cells
// show their rendering until clicked. The cell reports actions as `cx-cell-action` events.
import { LitElement, html, nothing, type PropertyValues } from "lit";
import type { Cell, CellMode } from "../notebook/types";
import { type CellState, elapsed, skippedText } from "../runtime/cell-state";
import "./add-cell-menu";
import "./cell-editor";
import type { CellEditor } from "./cell-editor";
import { renderError, renderValue } from "./inspect";

export type CellAction =
  | { action: "edit"; id: number; value: string }
  | { action: "run"; id: number; value: string }
  | { action: "mode"; id: number; mode: CellMode }
  | { action: "up" | "down" | "delete"; id: number };

const EDITABLE_MODES: CellMode[] = ["js", "md", "html"];

export class CellView extends LitElement {
  static override properties = {
    cell: { attribute: false },
    state: { attribute: false },
    version: { type: Number },
    foldCode: { type: Boolean, attribute: "fold-code" },
    editable: { type: Boolean },
    ranValue: { attribute: false },
    editing: { state: true },
  };
  declare cell: Cell;
  declare state?: CellState;
  /** bumped by the notebook view on every change of this cell's state */
  declare version: number;
  declare foldCode: boolean;
  declare editable: boolean;
  /** the source the runtime last ran, to mark edits not yet run */
  declare ranValue?: string;
  /** a Markdown/HTML cell showing its editor rather than its rendering */
  declare editing: boolean;
  private ticker?: ReturnType<typeof setInterval>;
  private shown: unknown[] = [];

  constructor() {
    super();
    this.version = 0;
    this.foldCode = true;
    this.editable = false;
    this.editing = false;
  }

  // Light DOM: plots and inputs keep the page's styles, and tests can query them directly.
  protected override createRenderRoot() {
    return this;
  }

  /** Show the editor and put the cursor in it. */
  async edit(): Promise<void> {
    this.editing = true;
    await this.updateComplete;
    this.querySelector<CellEditor>("cx-cell-editor")?.focus();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const running = this.state?.status.state === "running";
    if (running && !this.ticker) this.ticker = setInterval(() => this.requestUpdate(), 200);
    if (!running && this.ticker) { clearInterval(this.ticker); this.ticker = undefined; }
    const status = this.state?.status;
    const error = status?.state === "rejected" ? (status.error as Error & { line?: number; column?: number }) : undefined;
    this.querySelector<CellEditor>("cx-cell-editor")?.markError(error);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.ticker) { clearInterval(this.ticker); this.ticker = undefined; }
  }

  protected override render() {
    const { cell, state } = this;
    const status = state?.status ?? { state: "pending" as const };
    // while a cell re-runs, keep its previous output (dimmed) rather than flashing it away
    if (state && (state.displayed.length || status.state !== "running")) this.shown = state.displayed;
    const isCode = cell.mode === "js" || cell.mode === "ts" || cell.mode === "ojs";
    const rendered = cell.mode === "md" || cell.mode === "html";
    const showEditor = this.editable && (!rendered || this.editing || !cell.value.trim());
    const edited = this.editable && this.ranValue !== undefined && this.ranValue !== cell.value;
    return html`
      <section class="cx-cell ${this.editable ? "cx-editable" : ""}" data-cell-id=${cell.id} data-mode=${cell.mode} data-status=${status.state}
        data-runs=${state?.runs ?? 0} ?data-edited=${edited}>
        ${this.editable ? this.renderTools() : nothing}
        ${status.state === "rejected"
          ? html`<div class="cx-output cx-rejected" role="alert">${renderError(status.error)}</div>`
          : status.state === "skipped"
          ? html`<div class="cx-output cx-skipped">${skippedText(status)}</div>`
          : html`<div class="cx-output ${status.state === "running" ? "cx-stale" : ""}"
              title=${this.editable && rendered ? "Click to edit" : nothing}
              @click=${this.editable && rendered ? () => this.edit() : nothing}>${this.shown.map(renderValue)}</div>`}
        ${status.state === "running" ? this.renderRunning(status) : nothing}
        ${showEditor ? html`
          <cx-cell-editor .label=${`cell ${cell.id} source (${cell.mode}); Shift+Enter runs`} .mode=${cell.mode} .value=${cell.value}
            @cx-edit=${(e: CustomEvent<string>) => this.act({ action: "edit", id: cell.id, value: e.detail })}
            @cx-run=${(e: CustomEvent<string>) => this.act({ action: "run", id: cell.id, value: e.detail })}
            @cx-leave=${(e: CustomEvent<string>) => this.leave(e.detail)}></cx-cell-editor>
          ${edited ? html`<div class="cx-edited-hint">edited — Shift+Enter runs it</div>` : nothing}` : nothing}
        ${!this.editable && (isCode || status.state === "skipped") ? html`
          <details class="cx-source" ?open=${!this.foldCode || status.state === "skipped"}>
            <summary>${cell.mode === "unknown" ? cell.rawType : cell.mode}${state?.outputs.length ? html` · <code>${state.outputs.join(", ")}</code>` : nothing}${status.state === "fulfilled" ? html` · ${formatMs(status.ms)}` : nothing}</summary>
            <pre><code>${cell.value}</code></pre>
          </details>` : nothing}
      </section>`;
  }

  private renderTools() {
    const { cell } = this;
    const modes = EDITABLE_MODES.includes(cell.mode) ? EDITABLE_MODES : [cell.mode, ...EDITABLE_MODES];
    const status = this.state?.status;
    return html`<div class="cx-cell-tools" role="toolbar" aria-label=${`cell ${cell.id}`}>
      <select aria-label="Cell mode" title="Cell mode" @change=${(e: Event) => this.act({ action: "mode", id: cell.id, mode: (e.target as HTMLSelectElement).value as CellMode })}>
        ${modes.map((m) => html`<option value=${m} ?selected=${m === cell.mode}>${m}</option>`)}
      </select>
      ${this.state?.outputs.length ? html`<code class="cx-names">${this.state.outputs.join(", ")}</code>` : nothing}
      ${status?.state === "fulfilled" ? html`<span class="cx-ms">${formatMs(status.ms)}</span>` : nothing}
      <span class="cx-spacer"></span>
      <button type="button" aria-label="Run cell" title="Run (Shift+Enter)" @click=${() => this.act({ action: "run", id: cell.id, value: cell.value })}>▶</button>
      <button type="button" aria-label="Move cell up" title="Move up" @click=${() => this.act({ action: "up", id: cell.id })}>↑</button>
      <button type="button" aria-label="Move cell down" title="Move down" @click=${() => this.act({ action: "down", id: cell.id })}>↓</button>
      <cx-add-cell where="above" text="+ above" label="Insert a cell above"></cx-add-cell>
      <cx-add-cell where="below" text="+ below" label="Insert a cell below"></cx-add-cell>
      <button type="button" aria-label="Delete cell" title="Delete cell" @click=${() => this.act({ action: "delete", id: cell.id })}>✕</button>
    </div>`;
  }

  // A Markdown/HTML cell runs when the author leaves its editor, and shows its rendering again.
  private leave(value: string): void {
    if (this.cell.mode !== "md" && this.cell.mode !== "html") return;
    if (value !== this.ranValue) this.act({ action: "run", id: this.cell.id, value });
    if (value.trim()) this.editing = false;
  }

  private act(detail: CellAction): void {
    this.dispatchEvent(new CustomEvent<CellAction>("cx-cell-action", { detail, bubbles: true, composed: true }));
  }

  private renderRunning(status: Extract<CellState["status"], { state: "running" }>) {
    const ms = elapsed(status) ?? 0;
    return html`<div class="cx-running" aria-live="polite">
      <span class="cx-spinner"></span> running ${formatMs(ms)}
      ${status.progress !== undefined ? html`<progress max="1" value=${status.progress}></progress> ${Math.round(status.progress * 100)}%` : nothing}
    </div>`;
  }
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

customElements.define("cx-cell", CellView);
