// <cx-notebook-editor>: the editing page around an editable <cx-notebook> — the save bar
// ("● unsaved" badge, Save, Save as…), unsaved edits kept in localStorage, and conflicts.
//
// Unsaved edits: every edit is written to localStorage under (path, hash of the file as loaded).
// On opening, a draft for exactly that version is restored automatically, with a notice and a
// "Discard" button (restoring loses nothing; discarding is one click). A draft made against an
// older version of the file is never applied silently: the notice offers to open or discard it.
// Saving sends the file's base hash; if the file changed on disk meanwhile the server refuses
// (409) and the page offers "Reload from disk" (drop the edits) or "Save as…" (keep both).
//
// The cells (their editors, runs and outputs) live in the notebook frame, on another origin: the
// frame reports each edit's text, and only this shell saves, when the user presses its Save
// (Ctrl+S inside the frame moves the focus to Save; notebook code can never save). A draft whose
// last run did not finish is restored without running, with Run and Discard offered.
import { LitElement, html, nothing } from "lit";
import { parseNotebook, serializeNotebook } from "../notebook/format";
import { contentHash } from "../notebook/hash";
import type { Notebook } from "../notebook/types";
import { type Draft, DraftStore } from "./drafts";
import { TrustMemory } from "./fork/trust";
import type { NotebookFrame } from "./frame/notebook-frame";
import { frameNotebook, notebookFrame } from "./frame/show-notebook";
import { createNotebookFile, saveNotebookText } from "./save-client";

export interface OpenNotebook {
  /** `notebooks/NAME.html` */
  path: string;
  /** the file text as loaded */
  text: string;
  /** FileAttachment names resolve against this URL (the notebook file's) */
  base: URL;
  /** the user trusted this notebook at the gate: what they save stays trusted */
  trustedByUser?: boolean;
}

export class NotebookEditor extends LitElement {
  static override properties = {
    notebook: { state: true }, dirty: { state: true }, saving: { state: true }, message: { state: true },
    conflict: { state: true }, restored: { state: true }, restoredHeld: { state: true }, olderDraft: { state: true }, saveAs: { state: true },
  };
  declare notebook?: Notebook;
  declare dirty: boolean;
  declare saving: boolean;
  declare message: string;
  declare conflict: boolean;
  /** the draft restored on opening, for the notice */
  declare restored?: Draft;
  /** the restored draft was not run: its last run did not finish */
  declare restoredHeld?: boolean;
  declare olderDraft?: Draft;
  declare saveAs: boolean;
  path = "";
  private baseHash = "";
  /** the serialized text of the notebook as last loaded or saved: dirty means different from it */
  private cleanText = "";
  private base?: URL;
  private trustedByUser = false;
  readonly frame: NotebookFrame = notebookFrame();
  drafts = new DraftStore(localStorage);

  constructor() {
    super();
    this.dirty = false;
    this.saving = false;
    this.message = "";
    this.conflict = false;
    this.saveAs = false;
    this.frame.addEventListener("cx-frame-change", (e) => this.onChange((e as CustomEvent<string>).detail));
    this.frame.addEventListener("cx-frame-save-shortcut", () => this.pointAtSave());
  }

  protected override createRenderRoot() {
    return this;
  }

  /** Show a notebook file, restoring this browser's unsaved edits of exactly this version. */
  async open({ path, text, base, trustedByUser = false }: OpenNotebook): Promise<void> {
    this.path = path;
    this.base = base;
    this.trustedByUser = trustedByUser;
    this.baseHash = await contentHash(text);
    const fromFile = parse(text);
    this.cleanText = serialize(fromFile);
    let notebook = fromFile;
    const draft = this.drafts.load(path, this.baseHash);
    if (draft && draft.text !== this.cleanText) {
      try { notebook = parse(draft.text); this.restored = draft; } catch { this.drafts.clear(path, this.baseHash); }
    }
    this.olderDraft = this.drafts.others(path, this.baseHash)[0];
    await this.show(notebook);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("keydown", this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("keydown", this.onKey);
  }

  protected override render() {
    if (!this.notebook) return html`<p>Loading…</p>`;
    return html`
      <div class="cx-editor-bar">
        <span class="cx-unsaved" ?hidden=${!this.dirty} title="Edits not saved to the file yet (kept in this browser)">● unsaved</span>
        <button type="button" class="cx-save" ?disabled=${!this.dirty || this.saving || this.conflict} title="Save to ${this.path} (Ctrl+S)" @click=${() => this.save()}>Save</button>
        <button type="button" class="cx-save-as" title="Save a copy under a new name" @click=${() => this.openSaveAs()}>Save as…</button>
        <span class="cx-save-status" role="status" aria-live="polite">${this.message}</span>
      </div>
      ${this.restored ? html`<div class="cx-notice cx-restored" role="status">
        Restored your unsaved edits from ${time(this.restored.savedAt)} (kept in this browser).${this.restoredHeld
          ? html` <strong>They were not run: their last run did not finish.</strong>`
          : nothing}
        <button type="button" class="cx-discard" @click=${() => this.discardRestored()}>Discard them</button></div>` : nothing}
      ${this.olderDraft && !this.restored ? html`<div class="cx-notice cx-older-draft" role="status">
        This browser holds unsaved edits of an older version of this file (${time(this.olderDraft.savedAt)}).
        <button type="button" @click=${() => this.openOlderDraft()}>Open them</button>
        <button type="button" @click=${() => this.discardOlderDraft()}>Discard them</button></div>` : nothing}
      ${this.conflict ? html`<div class="cx-notice cx-conflict" role="alert">
        <strong>${this.path} changed on disk since you opened it.</strong> Your edits were not saved; they are kept in this browser.
        <button type="button" class="cx-reload" @click=${() => this.reloadFromDisk()}>Reload from disk</button> (drops your edits)
        <button type="button" class="cx-conflict-save-as" @click=${() => this.openSaveAs()}>Save as…</button> (keeps both)</div>` : nothing}
      ${this.saveAs ? this.renderSaveAs() : nothing}
      ${this.frame}`;
  }

  private renderSaveAs() {
    const suggestion = `${this.notebook!.title} copy`;
    return html`<form class="cx-notice cx-save-as-form" @submit=${(e: Event) => { e.preventDefault(); void this.saveCopy(new FormData(e.target as HTMLFormElement).get("name") as string); }}>
      <label>New notebook name <input name="name" .value=${suggestion} required autofocus></label>
      <button type="submit">Save copy</button>
      <button type="button" @click=${() => { this.saveAs = false; }}>Cancel</button>
    </form>`;
  }

  // the frame's report of an edit: the notebook's new text (not trusted to parse)
  private onChange(text: string): void {
    try { this.notebook = parse(text); } catch { return; }
    this.dirty = text !== this.cleanText;
    if (this.dirty) {
      if (!this.drafts.save(this.path, this.baseHash, text)) this.message = "this browser refused to keep a copy of your edits (storage full?): save soon";
    } else this.drafts.clear(this.path, this.baseHash);
    this.updateTitle();
  }

  // Ctrl+S pressed inside the frame: the frame cannot save, the user's Save can
  private pointAtSave(): void {
    const button = this.querySelector<HTMLButtonElement>(".cx-save");
    if (!this.dirty || !button) { this.message = "nothing to save"; return; }
    button.focus();
    this.message = "press Enter (or click Save) to save";
  }

  private onKey = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") { event.preventDefault(); void this.save(); }
  };

  async save(): Promise<void> {
    if (!this.notebook || this.saving || this.conflict) return;
    const text = serialize(this.notebook);
    if (text === this.cleanText) { this.message = "nothing to save"; return; }
    this.saving = true;
    this.message = "saving…";
    const result = await saveNotebookText(this.path, text, this.baseHash, this.notebook.cells);
    this.saving = false;
    if (!result.ok) {
      if (result.status === 409) this.conflict = true;
      this.message = result.status === 409 ? "not saved: the file changed on disk" : `not saved: ${result.error}`;
      return;
    }
    this.drafts.clear(this.path, this.baseHash);
    this.baseHash = result.hash;
    this.cleanText = text;
    this.restored = undefined;
    // what the user saved after trusting the notebook stays trusted
    if (this.trustedByUser) new TrustMemory(localStorage).trust(result.hash);
    this.message = `saved at ${time(new Date().toISOString())}`;
    this.dispatchEvent(new CustomEvent<string>("cx-saved", { detail: text, bubbles: true }));
    // edits typed while the request was on its way stay unsaved, under the new version
    const now = serialize(this.notebook);
    this.dirty = now !== this.cleanText;
    if (this.dirty) this.drafts.save(this.path, this.baseHash, now);
    this.updateTitle();
  }

  private async saveCopy(name: string): Promise<void> {
    if (!this.notebook) return;
    const title = name.trim() || this.notebook.title;
    const text = serialize({ ...this.notebook, title });
    const result = await createNotebookFile(title, text, this.notebook.cells);
    if (!result.ok) { this.message = `not saved: ${result.error}`; return; }
    this.drafts.clear(this.path, this.baseHash);
    this.dirty = false;
    location.assign(`notebook.html?path=${encodeURIComponent(result.path)}`);
  }

  private openSaveAs(): void {
    this.saveAs = true;
    void this.updateComplete.then(() => this.querySelector<HTMLInputElement>(".cx-save-as-form input")?.select());
  }

  private reloadFromDisk(): void {
    this.drafts.clear(this.path, this.baseHash);
    this.dirty = false;
    location.reload();
  }

  private discardRestored(): void {
    this.drafts.clear(this.path, this.baseHash);
    this.restored = undefined;
    this.restoredHeld = undefined;
    void this.show(parse(this.cleanText));
  }

  private openOlderDraft(): void {
    const draft = this.olderDraft!;
    this.olderDraft = undefined;
    this.drafts.clear(draft.path, draft.baseHash);
    void this.show(parse(draft.text));
    this.onChange(draft.text);
  }

  private discardOlderDraft(): void {
    this.drafts.clear(this.olderDraft!.path, this.olderDraft!.baseHash);
    this.olderDraft = this.drafts.others(this.path, this.baseHash)[0];
  }

  // A new notebook means a new frame run (a fresh runtime), unless its last run did not finish.
  private async show(notebook: Notebook): Promise<void> {
    this.notebook = notebook;
    const text = serialize(notebook);
    this.dirty = text !== this.cleanText;
    this.updateTitle();
    const held = await this.frame.show({ cx: 1, type: "open", view: "notebook", notebook: frameNotebook({ text, base: this.base! }, this.frame), editable: true, run: true });
    this.restoredHeld = this.restored && held === "unfinished" ? true : undefined;
  }

  private updateTitle(): void {
    document.title = `${this.dirty ? "● " : ""}${this.notebook?.title ?? ""} · crossexam`;
  }
}

function parse(text: string): Notebook {
  return parseNotebook(text, { parser: new DOMParser(), document });
}

function serialize(notebook: Notebook): string {
  return serializeNotebook(notebook, { parser: new DOMParser(), document });
}

function time(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

customElements.define("cx-notebook-editor", NotebookEditor);
