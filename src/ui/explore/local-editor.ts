// <cx-local-editor>: a notebook kept in this browser (a fork made on a published site, or a
// model explored there), editable in place. There is no server to save to: every edit is kept
// at once under the notebook's key (LocalForks), "Download" gives the notebook as a file, and
// "Compare with parent" (in the page header) reads the kept text. What the reader edits after
// trusting a notebook at the gate stays trusted.
import { LitElement, html } from "lit";
import { contentHash } from "../../notebook/hash";
import { parseNotebook } from "../../notebook/format";
import { dataFolderName } from "../../scaffold/index";
import { downloadText } from "../fork/fork-action";
import { LocalForks } from "../fork/local-forks";
import { TrustMemory } from "../fork/trust";
import type { NotebookFrame } from "../frame/notebook-frame";
import { frameNotebook, notebookFrame } from "../frame/show-notebook";
import "./explore.css";

export interface LocalNotebook {
  key: string;
  text: string;
  base: URL;
  /** the reader trusted it at the gate: what they edit stays trusted */
  trustedByUser?: boolean;
}

export class LocalEditor extends LitElement {
  static override properties = { status: { state: true } };
  declare status: string;
  readonly frame: NotebookFrame = notebookFrame();
  private opened?: LocalNotebook;
  private text = "";
  forks = new LocalForks(localStorage);

  constructor() {
    super();
    this.status = "kept in this browser";
    this.frame.addEventListener("cx-frame-change", (e) => void this.onChange((e as CustomEvent<string>).detail));
  }

  protected override createRenderRoot() {
    return this;
  }

  async open(opened: LocalNotebook): Promise<void> {
    this.opened = opened;
    this.text = opened.text;
    await this.frame.show({ cx: 1, type: "open", view: "notebook", notebook: frameNotebook(opened, this.frame), editable: true, run: true });
  }

  protected override render() {
    return html`<div class="cx-local-bar">
        <span class="cx-note cx-local-status" role="status">${this.status}</span>
        <button type="button" class="cx-download" title="Download this notebook as a file (open it with crossexam or Observable's tools)" @click=${this.download}>Download</button>
      </div>${this.frame}`;
  }

  // the frame's report of an edit: kept at once (there is no Save on a static site)
  private async onChange(text: string): Promise<void> {
    if (!this.opened || text === this.text) return;
    try { parseNotebook(text, { parser: new DOMParser(), document }); } catch { return; }
    this.text = text;
    try {
      this.forks.update(this.opened.key, text);
    } catch (error) {
      this.status = `this browser refused to keep your edit (${(error as Error).message}): download the notebook to keep it`;
      return;
    }
    if (this.opened.trustedByUser) new TrustMemory(localStorage).trust(await contentHash(text));
    this.status = `edits kept in this browser at ${new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })}`;
    this.dispatchEvent(new CustomEvent<string>("cx-local-change", { detail: text, bubbles: true }));
  }

  private download = () => {
    const title = parseNotebook(this.text, { parser: new DOMParser(), document }).title;
    downloadText(`${dataFolderName(title || "notebook")}.html`, this.text);
  };
}

customElements.define("cx-local-editor", LocalEditor);
