// <cx-fork-button>: makes an editable copy of the notebook shown, recording where it came from.
// On the dev server the fork is a new file in notebooks/ and the page opens it in the editor;
// on a static site it is kept in this browser, downloaded, and opened from there.
import { LitElement, html, nothing } from "lit";
import type { Notebook } from "../../notebook/types";
import { contentHash } from "../../notebook/hash";
import { forkInBrowser, forkOnServer, type ForkResult } from "./fork-action";
import { ownParent, TrustMemory } from "./trust";
import "./fork.css";

export class ForkButton extends LitElement {
  static override properties = {
    notebook: { attribute: false },
    text: { attribute: false },
    parentRef: { attribute: "parent-ref" },
    mode: {},
    navigate: { type: Boolean },
    sourceTrusted: { attribute: false },
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
  /** was the notebook trusted when forked? A fork inherits its source's trust (default: not trusted) */
  declare sourceTrusted: boolean | (() => boolean);
  /** open the fork once made (default true) */
  declare navigate: boolean;
  declare busy: boolean;
  declare message?: string;

  constructor() {
    super();
    this.navigate = true;
    this.busy = false;
    this.sourceTrusted = false;
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
      const result = mode === "server" ? await forkOnServer(source) : await forkInBrowser(source);
      await inheritTrust(result, typeof this.sourceTrusted === "function" ? this.sourceTrusted() : this.sourceTrusted, new TrustMemory(localStorage));
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

/**
 * A fork inherits its source's trust. Forking an untrusted notebook makes a file of the user's
 * own (notebooks/ or this browser), which would otherwise run unasked: it is quarantined until
 * the user trusts it. A fork of a trusted notebook from elsewhere (its lineage names that
 * notebook) is trusted for its exact content.
 */
export async function inheritTrust(result: ForkResult, sourceTrusted: boolean, memory: TrustMemory): Promise<void> {
  const ref = result.where === "server" ? `site:${result.path}` : `local:${result.key}`;
  if (!sourceTrusted) return memory.quarantine(ref);
  const lineage = result.notebook.lineage;
  if (lineage && !ownParent(lineage.parent, new URL(".", document.baseURI))) {
    memory.trust(result.where === "server" ? result.hash : await contentHash(result.text));
  }
}

/** Where a fork opens: the editor for a file on the dev server, the viewer for a browser-kept fork. */
export function forkPage(result: ForkResult): string {
  return result.where === "server"
    ? `notebook.html?path=${encodeURIComponent(result.path)}`
    : `view.html?local=${encodeURIComponent(result.key)}`;
}

customElements.define("cx-fork-button", ForkButton);
