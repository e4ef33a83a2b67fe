// <cx-gallery>: the notebooks of this site, each a link to its page.
import { LitElement, html } from "lit";
import type { NotebookEntry } from "../server/notebook-index";
import { createStarterNotebook } from "./new-notebook";
import "./explore/explore-form";

export class Gallery extends LitElement {
  static override properties = {
    entries: { attribute: false }, error: { attribute: false }, editable: { type: Boolean }, createError: { attribute: false },
  };
  declare entries?: NotebookEntry[];
  declare error?: string;
  /** on the dev server: offer "New notebook" (a published site has nowhere to write) */
  declare editable: boolean;
  declare createError?: string;

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
    return html`${this.editable ? this.renderNew() : ""}${this.editable ? html`<cx-explore mode="server"></cx-explore>` : ""}<ul class="cx-gallery">
      ${this.entries.map((e) => html`<li>
        <a href=${notebookLink(e.path)}><strong>${e.title}</strong></a>
        <p>${e.description}</p>
      </li>`)}
    </ul>`;
  }

  private renderNew() {
    const submit = async (event: Event) => {
      event.preventDefault();
      const name = new FormData(event.target as HTMLFormElement).get("name") as string;
      const result = await createStarterNotebook(name);
      if (result.ok) location.assign(notebookLink(result.path));
      else this.createError = result.error;
    };
    return html`<form class="cx-new-notebook" @submit=${submit}>
      <label>New notebook <input name="name" placeholder="a name, e.g. Does risk rise with age?" required></label>
      <button type="submit">Create</button>
      ${this.createError ? html`<span class="cx-error" role="alert">${this.createError}</span>` : ""}
    </form>`;
  }
}

/** The page that shows a notebook: the viewer with the notebook's path in the query. */
export function notebookLink(path: string): string {
  return `notebook.html?path=${encodeURIComponent(path)}`;
}

customElements.define("cx-gallery", Gallery);
