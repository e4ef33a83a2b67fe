// <cx-fork-button>: makes an editable copy of the notebook shown, recording where it came from.
// On the dev server the fork is a new file in notebooks/ and the page opens it in the editor;
// on a static site it is kept in this browser, downloaded, and opened from there.
import { LitElement, html, nothing } from "lit";
import type { Notebook } from "../../notebook/types";
import { forkInBrowser, forkOnServer, type ForkResult } from "./fork-action";
import "./fork.css";

export class ForkButton extends LitElement {
  static override properties = {
    notebook: { attribute: false },
    text: { attribute: false },
    parentRef: { attribute: "parent-ref" },
    mode: {},
    navigate: { type: Boolean },
    busy: { state: true },
    message: { state: true },
  };
  declare notebook?: Notebook;
  /** the notebook's exact file text, as loaded */
  declare text?: string;
  /** how the fork names its parent: `hello.html` (relative to notebooks/) or an absolute URL */
  declare parentRef?: string;
  /** "server" (dev server: a new file), "browser" (static site), or unset: server under Vite's dev server */
  declare mode?: "server" | "browser";
  /** open the fork once made (default true) */
  declare navigate: boolean;
  declare busy: boolean;
  declare message?: string;

  constructor() {
    super();
    this.navigate = true;
    this.busy = false;
  }

  protected override createRenderRoot() {
    return this;
  }

  protected override render() {
    return html`<span class="cx-actions"><button type="button" class="cx-fork" ?disabled=${this.busy || !this.notebook || this.text === undefined}
      title="Make your own editable copy; it remembers this notebook as its parent" @click=${this.fork}>${this.busy ? "Forking…" : "Fork"}</button>
      ${this.message ? html`<span class="cx-note" role="status">${this.message}</span>` : nothing}</span>`;
  }

  private async fork(): Promise<void> {
    if (!this.notebook || this.text === undefined) return;
    this.busy = true;
    this.message = undefined;
    const source = { notebook: this.notebook, text: this.text, ref: this.parentRef ?? location.href };
    const mode = this.mode ?? (import.meta.env.DEV ? "server" : "browser");
    try {
      const result = mode === "server" ? await forkOnServer(source, new URL(document.baseURI)) : await forkInBrowser(source);
      this.dispatchEvent(new CustomEvent<ForkResult>("cx-forked", { detail: result, bubbles: true, composed: true }));
      this.message = result.where === "server" ? `forked to ${result.path}` : `forked: kept in this browser and downloaded as ${result.fileName}`;
      // let a download start before leaving the page (a navigation would cancel it)
      if (this.navigate) setTimeout(() => location.assign(forkPage(result)), result.where === "browser" ? 800 : 0);
    } catch (error) {
      this.message = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }
}

/** Where a fork opens: the editor for a file on the dev server, the viewer for a browser-kept fork. */
export function forkPage(result: ForkResult): string {
  return result.where === "server"
    ? `notebook.html?path=${encodeURIComponent(result.path)}`
    : `view.html?local=${encodeURIComponent(result.key)}`;
}

customElements.define("cx-fork-button", ForkButton);
