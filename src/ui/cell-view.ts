// <cx-cell>: one cell as a reader sees it — its output (or its error, in place), a status line
// while it runs (elapsed time, progress bar), and its source folded beneath.
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import type { Cell } from "../notebook/types";
import { type CellState, elapsed } from "../runtime/cell-state";
import { renderError, renderValue } from "./inspect";

export class CellView extends LitElement {
  static override properties = {
    cell: { attribute: false },
    state: { attribute: false },
    version: { type: Number },
    foldCode: { type: Boolean, attribute: "fold-code" },
  };
  declare cell: Cell;
  declare state?: CellState;
  /** bumped by the notebook view on every change of this cell's state */
  declare version: number;
  declare foldCode: boolean;
  private ticker?: ReturnType<typeof setInterval>;
  private shown: unknown[] = [];

  constructor() {
    super();
    this.version = 0;
    this.foldCode = true;
  }

  // Light DOM: plots and inputs keep the page's styles, and tests can query them directly.
  protected override createRenderRoot() {
    return this;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const running = this.state?.status.state === "running";
    if (running && !this.ticker) this.ticker = setInterval(() => this.requestUpdate(), 200);
    if (!running && this.ticker) { clearInterval(this.ticker); this.ticker = undefined; }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.ticker) clearInterval(this.ticker);
  }

  protected override render() {
    const { cell, state } = this;
    const status = state?.status ?? { state: "pending" as const };
    // while a cell re-runs, keep its previous output (dimmed) rather than flashing it away
    if (state && (state.displayed.length || status.state !== "running")) this.shown = state.displayed;
    const isCode = cell.mode === "js" || cell.mode === "ts" || cell.mode === "ojs";
    return html`
      <section class="cx-cell" data-cell-id=${cell.id} data-mode=${cell.mode} data-status=${status.state}>
        ${status.state === "rejected"
          ? html`<div class="cx-output cx-rejected" role="alert">${renderError(status.error)}</div>`
          : html`<div class="cx-output ${status.state === "running" ? "cx-stale" : ""}">${this.shown.map(renderValue)}</div>`}
        ${status.state === "running" ? this.renderRunning(status) : nothing}
        ${isCode || cell.mode === "unknown" ? html`
          <details class="cx-source" ?open=${!this.foldCode}>
            <summary>${cell.mode === "unknown" ? cell.rawType : cell.mode}${state?.outputs.length ? html` · <code>${state.outputs.join(", ")}</code>` : nothing}${status.state === "fulfilled" ? html` · ${formatMs(status.ms)}` : nothing}</summary>
            <pre><code>${cell.value}</code></pre>
          </details>` : nothing}
      </section>`;
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

export const cellStyles = css``;
