// <cx-compare>: a fork beside its parent. Cells are matched by id: what was added, removed and
// changed (with a line diff), and — the point — the outputs of the changed cells and of every
// cell downstream of them, parent and fork side by side, each notebook run by its own runtime.
// Where both hold hypothesis cells, the conclusions that changed are listed first.
import { LitElement, html, nothing, type TemplateResult } from "lit";
import { diffNotebooks, type CellChange } from "../../notebook/diff";
import type { Cell, Notebook } from "../../notebook/types";
import type { NotebookRuntime } from "../../runtime/notebook-runtime";
import { browserRuntime } from "../browser-runtime";
import "../cell-view";
import { downstreamOf } from "./downstream";
import { lineDiff } from "./text-diff";
import { cellValues, compareVerdicts } from "./verdicts";
import "./fork.css";

export interface CompareSide {
  notebook: Notebook;
  /** FileAttachment names of this side resolve against this URL */
  base: URL;
  /** a label: the parent's address, the fork's path */
  label: string;
}

type Side = "parent" | "fork";

export class CompareView extends LitElement {
  static override properties = { parent: { attribute: false }, fork: { attribute: false } };
  declare parent?: CompareSide;
  declare fork?: CompareSide;
  private runtimes?: Record<Side, NotebookRuntime>;
  private versions: Record<Side, Map<number, number>> = { parent: new Map(), fork: new Map() };
  private unsubscribe: (() => void)[] = [];
  private pending = false;

  protected override createRenderRoot() {
    return this;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has("parent") || changed.has("fork")) && this.parent && this.fork) this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  /** Both runtimes, for tests and callers that wait on them. */
  get sides(): Record<Side, NotebookRuntime> | undefined {
    return this.runtimes;
  }

  private start(): void {
    this.stop();
    const runtimes = {
      parent: browserRuntime(this.parent!.base, this.parent!.notebook),
      fork: browserRuntime(this.fork!.base, this.fork!.notebook),
    };
    this.runtimes = runtimes;
    for (const side of ["parent", "fork"] as const) {
      this.unsubscribe.push(runtimes[side].subscribe((event) => {
        const id = event.type === "update" ? event.state.id : event.id;
        this.versions[side].set(id, (this.versions[side].get(id) ?? 0) + 1);
        if (!this.pending) { this.pending = true; queueMicrotask(() => { this.pending = false; this.requestUpdate(); }); }
      }));
    }
  }

  private stop(): void {
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    if (this.runtimes) { this.runtimes.parent.dispose(); this.runtimes.fork.dispose(); }
    this.runtimes = undefined;
  }

  protected override render() {
    if (!this.parent || !this.fork || !this.runtimes) return html``;
    const diff = diffNotebooks(this.parent.notebook, this.fork.notebook);
    const edited = diff.changes.filter((c) => c.kind !== "unchanged");
    const seeds = edited.filter((c) => c.kind !== "removed").map((c) => c.id);
    // what a removed cell defined is read, if at all, by cells downstream of it in the parent
    const reached = new Set([
      ...downstreamOf(this.runtimes.fork.states(), seeds),
      ...downstreamOf(this.runtimes.parent.states(), edited.map((c) => c.id)),
    ]);
    const downstream = diff.changes.filter((c) => c.kind === "unchanged" && reached.has(c.id));
    const count = (kind: CellChange["kind"]) => edited.filter((c) => c.kind === kind).length;
    return html`<article class="cx-compare">
      <p class="cx-summary" role="status">
        <span><strong>${count("changed")}</strong> changed</span><span><strong>${count("added")}</strong> added</span>
        <span><strong>${count("removed")}</strong> removed</span><span><strong>${downstream.length}</strong> downstream</span>
        <span>${diff.changes.length - edited.length - downstream.length} untouched</span>
        ${diff.moved.length ? html`<span>moved: ${diff.moved.map((id) => `#${id}`).join(", ")}</span>` : nothing}
      </p>
      <p class="cx-note">Parent: ${this.parent.label} · Fork: ${this.fork.label}${this.fork.notebook.lineage ? ` · forked ${this.fork.notebook.lineage.forkedAt.slice(0, 16).replace("T", " ")}` : ""}</p>
      ${this.renderVerdicts()}
      ${edited.length || downstream.length ? nothing : html`<p>The fork has no changes: its cells are those of the parent.</p>`}
      ${edited.length ? html`<h2>What the fork changed</h2>${edited.map((c) => this.renderChange(c))}` : nothing}
      ${downstream.length ? html`<h2>What follows from it</h2>${downstream.map((c) => this.renderDownstream(c))}` : nothing}
    </article>`;
  }

  private renderVerdicts(): TemplateResult | typeof nothing {
    const values = (side: Side) => new Map(this.runtimes![side].states().flatMap((s) =>
      s.status.state === "fulfilled" ? [[s.id, cellValues(s.status.value, s.outputs)] as const] : []));
    const verdicts = compareVerdicts(values("parent"), values("fork"));
    if (!verdicts.length) return nothing;
    const changed = verdicts.filter((v) => v.changed).length;
    return html`<h2>Conclusions</h2>
      <p>${changed ? `${changed} of ${verdicts.length} conclusions changed` : `all ${verdicts.length} conclusions stand`}</p>
      <table class="cx-verdicts"><thead><tr><th>hypothesis</th><th>parent</th><th>fork</th></tr></thead><tbody>
      ${verdicts.map((v) => html`<tr class=${v.changed ? "changed" : ""} data-cell-id=${v.cell}><td>${v.text}</td><td>${v.parent ?? "—"}</td><td>${v.changed ? "→ " : ""}${v.fork ?? "—"}</td></tr>`)}
      </tbody></table>`;
  }

  private renderChange(change: CellChange): TemplateResult {
    const header = html`<header><span class="cx-badge ${change.kind}">${change.kind}</span><strong>cell #${change.id}</strong>
      ${change.kind === "changed" ? html`<span class="cx-note">${change.fields.join(", ")}</span>` : nothing}</header>`;
    if (change.kind === "added") return html`<section class="cx-change" data-change="added" data-cell-id=${change.id}>${header}${this.cellOf("fork", change.cell, false)}</section>`;
    if (change.kind === "removed") return html`<section class="cx-change" data-change="removed" data-cell-id=${change.id}>${header}${this.cellOf("parent", change.cell, false)}</section>`;
    if (change.kind !== "changed") return html``;
    return html`<section class="cx-change" data-change="changed" data-cell-id=${change.id}>${header}
      <div class="cx-diff" aria-label="changes to the source">${lineDiff(change.before.value, change.after.value).map((l) =>
        html`<div class=${l.op}>${l.op === "added" ? "+ " : l.op === "removed" ? "− " : "  "}${l.text}</div>`)}</div>
      ${this.sideBySide(change.before, change.after)}
    </section>`;
  }

  private renderDownstream(change: CellChange): TemplateResult {
    if (change.kind !== "unchanged") return html``;
    const reads = this.runtimes!.fork.state(change.id)?.inputs ?? [];
    return html`<section class="cx-change" data-change="downstream" data-cell-id=${change.id}>
      <header><span class="cx-badge downstream">downstream</span><strong>cell #${change.id}</strong><span class="cx-note">reads ${reads.join(", ")}</span></header>
      ${this.sideBySide(change.cell, change.cell)}
    </section>`;
  }

  private sideBySide(before: Cell, after: Cell): TemplateResult {
    return html`<div class="cx-side">
      <div class="cx-parent"><h3>parent</h3>${this.cellOf("parent", before, true)}</div>
      <div class="cx-fork"><h3>fork</h3>${this.cellOf("fork", after, true)}</div>
    </div>`;
  }

  private cellOf(side: Side, cell: Cell, folded: boolean): TemplateResult {
    return html`<cx-cell class=${`cx-${side}-cell`} .cell=${cell} .state=${this.runtimes![side].state(cell.id)} .version=${this.versions[side].get(cell.id) ?? 0} .foldCode=${folded}></cx-cell>`;
  }
}

customElements.define("cx-compare", CompareView);
