// <cx-compare-link>: "Compare with parent", shown only for a notebook that records a parent.
import { LitElement, html, nothing } from "lit";
import type { Notebook } from "../../notebook/types";
import "./fork.css";

export class CompareLink extends LitElement {
  static override properties = { notebook: { attribute: false }, path: {}, local: {} };
  declare notebook?: Notebook;
  /** the fork's site path (`notebooks/x-fork.html`) … */
  declare path?: string;
  /** … or the key of a fork kept in this browser */
  declare local?: string;

  protected override createRenderRoot() {
    return this;
  }

  protected override render() {
    if (!this.notebook?.lineage || (!this.path && !this.local)) return nothing;
    return html`<a class="cx-button cx-compare-link" href=${compareHref(this.path, this.local)}
      title="Parent ${this.notebook.lineage.parent}, forked ${this.notebook.lineage.forkedAt}">Compare with parent</a>`;
  }
}

export function compareHref(path?: string, local?: string): string {
  return local ? `compare.html?local=${encodeURIComponent(local)}` : `compare.html?path=${encodeURIComponent(path ?? "")}`;
}

customElements.define("cx-compare-link", CompareLink);
