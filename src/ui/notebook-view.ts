// <cx-notebook>: a notebook's cells in document order, each kept in step with the runtime.
import { LitElement, html } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { Notebook } from "../notebook/types";
import type { NotebookRuntime } from "../runtime/notebook-runtime";
import "./cell-view";

export class NotebookView extends LitElement {
  static override properties = {
    notebook: { attribute: false },
    runtime: { attribute: false },
  };
  declare notebook: Notebook;
  declare runtime: NotebookRuntime;
  private versions = new Map<number, number>();
  private unsubscribe?: () => void;
  private pending = false;

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("runtime")) this.listen();
  }

  private listen(): void {
    this.unsubscribe?.();
    if (!this.runtime || !this.isConnected) return;
    this.unsubscribe = this.runtime.subscribe((event) => {
      const id = event.type === "update" ? event.state.id : event.id;
      this.versions.set(id, (this.versions.get(id) ?? 0) + 1);
      // many events arrive per frame; render once
      if (!this.pending) { this.pending = true; queueMicrotask(() => { this.pending = false; this.requestUpdate(); }); }
    });
  }

  protected override render() {
    if (!this.notebook || !this.runtime) return html``;
    return html`<article class="cx-notebook">
      ${repeat(this.notebook.cells, (c) => c.id, (cell) => html`<cx-cell .cell=${cell} .state=${this.runtime.state(cell.id)} .version=${this.versions.get(cell.id) ?? 0}></cx-cell>`)}
    </article>`;
  }
}

customElements.define("cx-notebook", NotebookView);
