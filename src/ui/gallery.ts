// <cx-gallery>: the notebooks of this site, each a link to its page.
import { LitElement, html } from "lit";
import type { NotebookEntry } from "../server/notebook-index";

export class Gallery extends LitElement {
  static override properties = { entries: { attribute: false }, error: { attribute: false } };
  declare entries?: NotebookEntry[];
  declare error?: string;

  protected override createRenderRoot() {
    return this;
  }

  override async connectedCallback() {
    super.connectedCallback();
    try {
      const response = await fetch(new URL("notebooks/index.json", document.baseURI));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.entries = await response.json();
    } catch (error) {
      this.error = `could not list the notebooks: ${(error as Error).message}`;
    }
  }

  protected override render() {
    if (this.error) return html`<p class="cx-error" role="alert">${this.error}</p>`;
    if (!this.entries) return html`<p>Loading…</p>`;
    return html`<ul class="cx-gallery">
      ${this.entries.map((e) => html`<li>
        <a href=${notebookLink(e.path)}><strong>${e.title}</strong></a>
        <p>${e.description}</p>
      </li>`)}
    </ul>`;
  }
}

/** The page that shows a notebook: the viewer with the notebook's path in the query. */
export function notebookLink(path: string): string {
  return `notebook.html?path=${encodeURIComponent(path)}`;
}

customElements.define("cx-gallery", Gallery);
