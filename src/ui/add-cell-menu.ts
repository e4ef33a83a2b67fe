// <cx-add-cell>: a button opening a menu of new cells — an empty JavaScript, Markdown or HTML
// cell, or one of the ready-made templates from `cells/`. Picking one fires `cx-add` with
// `{mode, source, where}`; the notebook decides where it goes. A template is first fitted to the
// notebook around the menu (fit-template.ts): it reuses the names the notebook already defines and
// never defines one twice.
import { LitElement, html, nothing } from "lit";
import type { CellMode, Notebook } from "../notebook/types";
import { cellLibrary, type CellLibrary, type CellTemplate } from "./cell-library";
import { fittedSource } from "./fit-template";

export interface AddCellDetail {
  mode: CellMode;
  source: string;
  where: "above" | "below";
}

const BLANK: { mode: CellMode; title: string }[] = [
  { mode: "js", title: "JavaScript" },
  { mode: "md", title: "Markdown" },
  { mode: "html", title: "HTML" },
];

export class AddCellMenu extends LitElement {
  static override properties = { where: {}, label: {}, text: {}, open: { state: true } };
  declare where: "above" | "below";
  declare label: string;
  /** the button's visible text */
  declare text: string;
  declare open: boolean;
  library: CellLibrary = cellLibrary();

  constructor() {
    super();
    this.where = "below";
    this.label = "Add cell";
    this.text = "+ Add cell";
    this.open = false;
  }

  protected override createRenderRoot() {
    return this;
  }

  protected override render() {
    return html`<div class="cx-add" @keydown=${this.onKey}>
      <button type="button" class="cx-add-toggle" aria-haspopup="menu" aria-expanded=${this.open ? "true" : "false"}
        title="${this.label} (a blank cell or a ready-made one)" @click=${() => this.toggle()}>${this.text}</button>
      ${this.open ? html`<div class="cx-add-menu" role="menu" aria-label=${this.label}>
        ${BLANK.map((b) => html`<button type="button" role="menuitem" data-mode=${b.mode} @click=${() => this.pick(b.mode, "")}>
          <strong>${b.title}</strong> <span>empty cell</span></button>`)}
        ${this.library.templates.length ? html`<div class="cx-add-heading" role="presentation">Ready-made cells</div>` : nothing}
        ${this.library.templates.map((t) => html`<button type="button" role="menuitem" data-template=${t.id} title=${t.description}
          @click=${() => this.pick(t.mode, this.fit(t))}><strong>${t.title}</strong> <span>${t.description}</span></button>`)}
        ${this.library.problems.map((p) => html`<div class="cx-add-problem" role="note">${p.message}</div>`)}
      </div>` : nothing}
    </div>`;
  }

  /** the template fitted to the notebook this menu is in */
  private fit(template: CellTemplate): string {
    const notebook = (this.closest("cx-notebook") as (Element & { notebook?: Notebook }) | null)?.notebook;
    return fittedSource(template, notebook, this.library);
  }

  private toggle(): void {
    this.open = !this.open;
    if (this.open) void this.updateComplete.then(() => this.querySelector<HTMLButtonElement>("[role=menuitem]")?.focus());
  }

  private pick(mode: CellMode, source: string): void {
    this.open = false;
    this.dispatchEvent(new CustomEvent<AddCellDetail>("cx-add", { detail: { mode, source, where: this.where }, bubbles: true, composed: true }));
  }

  // Escape closes; arrow keys walk the items.
  private onKey(event: KeyboardEvent): void {
    if (!this.open) return;
    if (event.key === "Escape") { this.open = false; this.querySelector<HTMLButtonElement>(".cx-add-toggle")?.focus(); event.stopPropagation(); return; }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const items = Array.from(this.querySelectorAll<HTMLButtonElement>("[role=menuitem]"));
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    items[(at + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length]?.focus();
    event.preventDefault();
  }
}

customElements.define("cx-add-cell", AddCellMenu);
