// <cx-trust-gate>: shown instead of running a notebook that came from elsewhere (a URL, a data:
// or blob: address, a file, a share link, a fork of an untrusted notebook) — and, for a compare
// page, instead of running parent and fork. Every cell that would run is listed as source text
// (Markdown and HTML too: nothing is rendered as HTML, so an `<img onerror>` cannot fire);
// nothing runs until "Trust and run", remembered per content hash of each notebook.
import { LitElement, html } from "lit";
import type { Notebook } from "../../notebook/types";
import { describeOrigin, TrustMemory, type NotebookOrigin } from "./trust";
import "./fork.css";

/** One notebook the gate holds back. */
export interface GateSide {
  notebook: Notebook;
  origin: NotebookOrigin;
  hash: string;
  /** what this notebook is on the page, e.g. "parent" or "fork" */
  role?: string;
  /** the quarantine entry trusting releases (a fork of an untrusted notebook) */
  ref?: string;
}

export class TrustGate extends LitElement {
  static override properties = { notebook: { attribute: false }, origin: { attribute: false }, hash: {}, sides: { attribute: false } };
  declare notebook?: Notebook;
  declare origin?: NotebookOrigin;
  /** the content hash the choice is remembered under */
  declare hash?: string;
  /** several notebooks at once (compare: parent and fork); else the one of notebook/origin/hash */
  declare sides?: GateSide[];

  protected override createRenderRoot() {
    return this;
  }

  private all(): GateSide[] {
    if (this.sides?.length) return this.sides;
    return this.notebook && this.origin ? [{ notebook: this.notebook, origin: this.origin, hash: this.hash ?? "" }] : [];
  }

  protected override render() {
    const sides = this.all();
    if (!sides.length) return html``;
    const code = sides.flatMap((s) => s.notebook.cells).filter((c) => c.mode !== "md").length;
    const cells = sides.reduce((n, s) => n + s.notebook.cells.length, 0);
    const from = sides.map((s) => (s.role ? `${s.role}: ${describeOrigin(s.origin)}` : describeOrigin(s.origin))).join("; ");
    return html`<section class="cx-trust" role="region" aria-label="untrusted notebook">
      <h2>${sides.length === 1 ? `This notebook comes from ${from}` : `This page runs code from ${from}`}: nothing has run</h2>
      <p>Cells are code. They would run in a frame of this page that cannot save files, but can read what this site serves,
        use your processor and show you anything. Read every cell below (${cells} in all); run them only if you trust where they come from.</p>
      <p><button type="button" class="cx-primary cx-trust-run" @click=${this.accept}>Trust and run</button>
        <span class="cx-note">${code} code cell${code === 1 ? "" : "s"}${sides.length > 1 ? ` in ${sides.length} notebooks` : ""} · remembered for this exact content</span></p>
      ${sides.map((side) => html`<div class="cx-trust-source" data-role=${side.role ?? "notebook"}>
        ${sides.length > 1 ? html`<h3>${side.role ?? "notebook"} — ${side.notebook.title} (${describeOrigin(side.origin)})</h3>` : null}
        ${side.notebook.cells.map((c) => html`<details open><summary>#${c.id} ${c.mode}</summary><pre><code>${c.value}</code></pre></details>`)}
      </div>`)}
    </section>`;
  }

  private accept(): void {
    const memory = new TrustMemory(localStorage);
    for (const side of this.all()) {
      if (side.hash) memory.trust(side.hash);
      if (side.ref) memory.release(side.ref);
    }
    this.dispatchEvent(new CustomEvent("cx-trusted", { bubbles: true, composed: true }));
  }
}

customElements.define("cx-trust-gate", TrustGate);
