// <cx-explore>: "Explore a model" on the gallery. Pick or drop the ONNX file(s) (and their cards)
// and one table; the form reads them at once and says what it understood (target, where the
// feature order comes from) or, in place, what it still needs (the Target or Features field,
// as `crossexam new --target/--features`). "Explore" then writes the notebook `crossexam new`
// would (see explore-actions.ts for where the files go) and opens it.
import { LitElement, html, nothing } from "lit";
import { exploreInBrowser, exploreOnServer } from "./explore-actions";
import { ExploreError, planExplore, type AskedField, type ExplorePlan, type PickedFile } from "./explore-plan";
import "./explore.css";

export class ExploreForm extends LitElement {
  static override properties = {
    mode: {}, files: { state: true }, plan: { state: true }, error: { state: true }, asked: { state: true },
    busy: { state: true }, status: { state: true }, over: { state: true }, columns: { state: true },
  };
  /** the table's columns, once read: the Target field offers them */
  declare columns?: string[];
  /** "server": files go to data/ through the dev server; "browser": they stay in this browser */
  declare mode: "server" | "browser";
  declare files: PickedFile[];
  declare plan?: ExplorePlan;
  declare error?: string;
  declare asked: AskedField;
  declare busy: boolean;
  declare status: string;
  declare over: boolean;
  private target = "";
  private features = "";
  private planning = 0;

  constructor() {
    super();
    this.mode = "browser";
    this.files = [];
    this.busy = false;
    this.status = "";
    this.over = false;
  }

  protected override createRenderRoot() {
    return this;
  }

  protected override render() {
    const where = this.mode === "server"
      ? "The files are saved under data/ and the notebook under notebooks/, where it opens in the editor."
      : "Your files stay in this browser: nothing is uploaded. The notebook is kept here too, as your own, and can be edited and downloaded.";
    return html`<section class="cx-explore ${this.over ? "cx-drop-over" : ""}" aria-label="Explore a model"
        @dragover=${this.onDragOver} @dragleave=${() => { this.over = false; }} @drop=${this.onDrop}>
      <h2>Explore a model</h2>
      <p>Drop your ONNX model (several for a champion and challengers, a <code>NAME.card.json</code> beside each if you have one)
        and the table to question it on (CSV, Parquet, Arrow) here, or
        <label class="cx-button">choose files<input type="file" multiple hidden accept=".onnx,.json,.csv,.tsv,.parquet,.arrow" @change=${this.onPick}></label>.
        You get a notebook with performance, importance, PD/ICE, ALE, SHAP and a what-if form, no code to write. ${where}</p>
      ${this.files.length ? html`<ul class="cx-explore-files">${this.files.map((f) => html`<li>${f.name} <span class="cx-note">${size(f.bytes.length)}</span></li>`)}</ul>
        <button type="button" class="cx-explore-clear" @click=${this.clear}>Clear</button>` : nothing}
      <div class="cx-explore-fields">
        <label>Target ${this.columns
          ? html`<select name="target" class=${this.asked === "target" ? "cx-asked" : ""} @change=${this.onTarget}>
              <option value="" ?selected=${!this.target}>found from the files</option>
              ${this.columns.map((c) => html`<option value=${c} ?selected=${c === this.target}>${c}</option>`)}</select>`
          : html`<input name="target" placeholder="the column the model predicts (found when it can be)" .value=${this.target} @change=${this.onTarget}>`}</label>
        ${this.asked === "features" || this.features ? html`<label>Features <input name="features" class=${this.asked === "features" ? "cx-asked" : ""}
          placeholder="table columns in the model's input order: a,b,c" .value=${this.features}
          @change=${(e: Event) => { this.features = (e.target as HTMLInputElement).value.trim(); void this.replan(); }}></label>` : nothing}
      </div>
      ${this.error ? html`<p class="cx-error cx-explore-error" role="alert">${this.error}</p>` : nothing}
      ${this.plan && !this.error ? html`<p class="cx-note cx-explore-summary" role="status">Ready: <strong>${this.plan.title}</strong>, predicting <code>${this.plan.target}</code>.</p>` : nothing}
      <button type="button" class="cx-explore-go" ?disabled=${!this.plan || !!this.error || this.busy} @click=${this.go}>${this.busy ? "Writing the notebook…" : "Explore"}</button>
      <span class="cx-note" role="status">${this.status}</span>
    </section>`;
  }

  private onTarget = (e: Event) => {
    this.target = (e.target as HTMLInputElement | HTMLSelectElement).value.trim();
    void this.replan();
  };

  private onDragOver = (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    this.over = true;
  };

  // the page may open a dropped notebook file itself: files dropped here are the form's
  private onDrop = (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    this.over = false;
    void this.add([...(event.dataTransfer?.files ?? [])]);
  };

  private onPick = (event: Event) => {
    const input = event.target as HTMLInputElement;
    void this.add([...(input.files ?? [])]).then(() => { input.value = ""; });
  };

  private clear = () => {
    this.files = [];
    this.plan = undefined;
    this.error = undefined;
    this.asked = undefined;
    this.columns = undefined;
    this.target = "";
    this.features = "";
  };

  /** Add files (a file of the same name replaces the earlier one) and read them. */
  async add(files: File[]): Promise<void> {
    const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const names = new Set(read.map((f) => f.name));
    this.files = [...this.files.filter((f) => !names.has(f.name)), ...read];
    await this.replan();
  }

  private async replan(): Promise<void> {
    const ticket = ++this.planning;
    this.status = "";
    try {
      const plan = await planExplore({ files: this.files, target: this.target, features: splitList(this.features) });
      if (ticket !== this.planning) return;
      this.plan = plan;
      this.columns = plan.columns;
      this.error = undefined;
      this.asked = undefined;
    } catch (error) {
      if (ticket !== this.planning) return;
      this.plan = undefined;
      this.error = (error as Error).message;
      this.asked = error instanceof ExploreError ? error.field : undefined;
      if (error instanceof ExploreError && error.columns) this.columns = error.columns;
    }
  }

  private go = async () => {
    if (!this.plan) return;
    this.busy = true;
    try {
      const page = this.mode === "server"
        ? await exploreOnServer(this.plan, (text) => { this.status = text; })
        : await exploreInBrowser(this.plan);
      this.status = "opening the notebook…";
      location.assign(page);
    } catch (error) {
      this.error = (error as Error).message;
      this.status = "";
    } finally {
      this.busy = false;
    }
  };
}

function splitList(text: string): string[] | undefined {
  const list = text.split(",").map((s) => s.trim()).filter(Boolean);
  return list.length ? list : undefined;
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

customElements.define("cx-explore", ExploreForm);
