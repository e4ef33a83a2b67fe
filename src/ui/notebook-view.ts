// <cx-notebook>: a notebook's cells in document order, each kept in step with the runtime.
// Read-only (the published site) it shows outputs with sources folded (`foldCode`); `editable`
// (the dev server) it turns cell actions into notebook edits and runtime steps: running a cell
// redefines only that cell, so only it and what depends on it recompute. Every edit fires
// `cx-notebook-change` (detail: the new notebook) for the page to mark and keep.
import { LitElement, html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { Notebook } from "../notebook/types";
import type { NotebookRuntime } from "../runtime/notebook-runtime";
import type { AddCellDetail } from "./add-cell-menu";
import "./add-cell-menu";
import type { CellAction, CellView } from "./cell-view";
import "./cell-view";
import { type Edit, blankCell, deleteCell, freshCellId, insertCell, moveCell, updateCell } from "./notebook-edits";

export class NotebookView extends LitElement {
  static override properties = {
    notebook: { attribute: false },
    runtime: { attribute: false },
    editable: { type: Boolean },
    foldCode: { type: Boolean, attribute: "fold-code" },
  };
  declare notebook: Notebook;
  declare runtime: NotebookRuntime;
  declare editable: boolean;
  declare foldCode: boolean;
  private versions = new Map<number, number>();
  /** the source each cell last ran with (edits not yet run are marked) */
  private ran = new Map<number, string>();
  private issued = 0;
  private unsubscribe?: () => void;
  private pending = false;

  constructor() {
    super();
    this.editable = false;
    this.foldCode = true;
  }

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
    if (changed.has("runtime")) {
      this.listen();
      // the runtime was loaded with the notebook as it is now
      this.ran = new Map(this.notebook?.cells.map((c) => [c.id, c.value]));
    }
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
    return html`<article class="cx-notebook ${this.editable ? "cx-editing" : ""}"
        @cx-cell-action=${this.editable ? this.onAction : nothing} @cx-add=${this.editable ? this.onAdd : nothing}>
      ${repeat(this.notebook.cells, (c) => c.id, (cell) => html`<cx-cell .cell=${cell} .state=${this.runtime.state(cell.id)}
        .version=${this.versions.get(cell.id) ?? 0} .foldCode=${this.foldCode} .editable=${this.editable} .ranValue=${this.ran.get(cell.id)}></cx-cell>`)}
      ${this.editable ? html`<div class="cx-add-end"><cx-add-cell where="below" label="Add a cell at the end"></cx-add-cell></div>` : nothing}
    </article>`;
  }

  private onAction = (event: CustomEvent<CellAction>) => {
    event.stopPropagation();
    const a = event.detail;
    const nb = this.notebook;
    switch (a.action) {
      case "edit": return this.apply(updateCell(nb, a.id, { value: a.value }));
      case "run": return this.apply(updateCell(nb, a.id, { value: a.value }, true));
      case "mode": return this.apply(updateCell(nb, a.id, { mode: a.mode }));
      case "up": return this.apply(moveCell(nb, a.id, -1));
      case "down": return this.apply(moveCell(nb, a.id, 1));
      case "delete": return this.apply(deleteCell(nb, a.id));
    }
  };

  // An add menu inside a cell inserts next to that cell; the one at the end appends.
  private onAdd = (event: CustomEvent<AddCellDetail>) => {
    event.stopPropagation();
    const anchor = (event.target as Element).closest("cx-cell") as CellView | null;
    const id = freshCellId(this.notebook, this.issued);
    this.issued = id;
    const cell = blankCell(id, event.detail.mode, event.detail.source);
    this.apply(insertCell(this.notebook, cell, anchor?.cell.id, event.detail.where));
    void this.updateComplete.then(() => Array.from(this.querySelectorAll<CellView>("cx-cell")).find((c) => c.cell.id === id)?.edit());
  };

  /** Apply an edit: the new notebook to the view, its step to the runtime, then tell the page. */
  apply({ notebook, step }: Edit): void {
    if (notebook === this.notebook && step.kind === "none") return;
    switch (step.kind) {
      case "define": this.runtime.define(step.cell, step.beforeId); this.ran.set(step.cell.id, step.cell.value); break;
      case "delete": this.runtime.delete(step.id); this.ran.delete(step.id); break;
      case "move": this.runtime.move(step.id, step.beforeId); break;
    }
    this.notebook = notebook;
    this.dispatchEvent(new CustomEvent<Notebook>("cx-notebook-change", { detail: notebook, bubbles: true, composed: true }));
  }
}

customElements.define("cx-notebook", NotebookView);
