// <cx-share-button>: a link that carries the notebook itself (or, for a fork whose parent is
// at hand, only its changes) in the URL fragment. Whoever opens it sees the code before it runs.
import { LitElement, html, nothing } from "lit";
import type { Notebook } from "../../notebook/types";
import { changesOf, encodeShare, type SharePayload } from "./share-link";
import "./fork.css";

export class ShareButton extends LitElement {
  static override properties = {
    text: { attribute: false },
    notebook: { attribute: false },
    parent: { attribute: false },
    link: { state: true },
    message: { state: true },
  };
  /** the notebook's file text */
  declare text?: string;
  declare notebook?: Notebook;
  /** the parent, when the notebook is a fork and its parent is loaded: the link then carries only the changes */
  declare parent?: Notebook;
  declare link?: string;
  declare message?: string;

  protected override createRenderRoot() {
    return this;
  }

  protected override render() {
    return html`<span class="cx-actions"><button type="button" class="cx-share" ?disabled=${this.text === undefined} @click=${this.share}
        title="A link holding this notebook; it opens untrusted">Share link</button>
      ${this.message ? html`<span class="cx-note" role="status">${this.message}</span>` : nothing}</span>
      ${this.link ? html`<div class="cx-share-out"><input readonly aria-label="share link" .value=${this.link} @focus=${(e: Event) => (e.target as HTMLInputElement).select()}></div>` : nothing}`;
  }

  private async share(): Promise<void> {
    if (this.text === undefined) return;
    const payload: SharePayload = this.notebook?.lineage && this.parent
      ? { kind: "changes", changes: changesOf(this.notebook, this.parent) }
      : { kind: "notebook", text: this.text };
    try {
      this.link = shareUrl(await encodeShare(payload));
      await navigator.clipboard?.writeText(this.link).then(() => (this.message = "link copied"), () => (this.message = "copy the link below"));
      this.message ??= "copy the link below";
    } catch (error) {
      this.link = undefined;
      this.message = (error as Error).message;
    }
  }
}

/** The viewer's address with a share fragment. */
export function shareUrl(fragment: string, base = document.baseURI): string {
  return `${new URL("view.html", base).href}#${fragment}`;
}

customElements.define("cx-share-button", ShareButton);
