// <cx-trust-gate>: shown instead of running a notebook that came from elsewhere (a URL, a file,
// a share link). Its code is listed; nothing runs until "Trust and run", remembered per content hash.
import { LitElement, html } from "lit";
import type { Notebook } from "../../notebook/types";
import { describeOrigin, TrustMemory, type NotebookOrigin } from "./trust";
import "./fork.css";

export class TrustGate extends LitElement {
  static override properties = { notebook: { attribute: false }, origin: { attribute: false }, hash: {} };
  declare notebook?: Notebook;
  declare origin?: NotebookOrigin;
  /** the content hash the choice is remembered under */
  declare hash?: string;

  protected override createRenderRoot() {
    return this;
  }

  protected override render() {
    if (!this.notebook || !this.origin) return html``;
    const code = this.notebook.cells.filter((c) => c.mode !== "md");
    return html`<section class="cx-trust" role="region" aria-label="untrusted notebook">
      <h2>This notebook comes from ${describeOrigin(this.origin)}: its code has not run</h2>
      <p>Cells are JavaScript that runs in this page. Read them below; run them only if you trust where they come from.</p>
      <p><button type="button" class="cx-primary cx-trust-run" @click=${this.accept}>Trust and run</button>
        <span class="cx-note">${code.length} code cell${code.length === 1 ? "" : "s"} · remembered for this exact content</span></p>
      <div class="cx-trust-source">${this.notebook.cells.map((c) => html`<details ?open=${c.mode !== "md"}><summary>#${c.id} ${c.mode}</summary><pre><code>${c.value}</code></pre></details>`)}</div>
    </section>`;
  }

  private accept(): void {
    if (this.hash) new TrustMemory(localStorage).trust(this.hash);
    this.dispatchEvent(new CustomEvent("cx-trusted", { bubbles: true, composed: true }));
  }
}

customElements.define("cx-trust-gate", TrustGate);
