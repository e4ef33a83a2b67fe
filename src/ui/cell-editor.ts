// <cx-cell-editor>: one cell's source in CodeMirror 6 — highlighting for its mode, bracket
// matching, undo, Shift+Enter / Ctrl+Enter (Cmd+Enter) to run. It reports, it does not decide:
// `cx-edit` (detail: the text) on every change, `cx-run` (detail: the text) on a run key,
// `cx-leave` when focus leaves it. A syntax error can be marked at its line and column.
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { html } from "@codemirror/lang-html";
import { javascript } from "@codemirror/lang-javascript";
import { markdown } from "@codemirror/lang-markdown";
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { setDiagnostics } from "@codemirror/lint";
import { Compartment, EditorState, Prec, type Extension } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers } from "@codemirror/view";
import type { CellMode } from "../notebook/types";

export function languageFor(mode: CellMode): Extension {
  switch (mode) {
    case "js": case "ojs": case "node": return javascript();
    case "ts": return javascript({ typescript: true });
    case "md": return markdown();
    case "html": return html();
    default: return [];
  }
}

const theme = EditorView.theme({
  "&": { fontSize: "0.85rem", border: "1px solid var(--cx-line)", borderRadius: "4px", background: "#fbfcfd" },
  "&.cm-focused": { outline: "2px solid var(--cx-accent)", outlineOffset: "1px" },
  ".cm-content": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", padding: "0.35rem 0" },
  ".cm-gutters": { background: "transparent", border: "none", color: "#9ca3af" },
  ".cm-scroller": { overflow: "auto", maxHeight: "32rem" },
});

export class CellEditor extends HTMLElement {
  private view?: EditorView;
  private readonly language = new Compartment();
  private pendingValue = "";
  private pendingMode: CellMode = "js";
  /** a label for assistive technology, e.g. "cell 3 source" */
  label = "cell source";

  get value(): string {
    return this.view ? this.view.state.doc.toString() : this.pendingValue;
  }

  set value(text: string) {
    if (!this.view) { this.pendingValue = text; return; }
    // only replace when it really differs: the editor is usually the one that produced the text
    if (text !== this.view.state.doc.toString()) this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
  }

  set mode(mode: CellMode) {
    if (mode === this.pendingMode) return;
    this.pendingMode = mode;
    this.view?.dispatch({ effects: this.language.reconfigure(languageFor(mode)) });
  }

  get mode(): CellMode {
    return this.pendingMode;
  }

  connectedCallback(): void {
    if (this.view) return;
    const run = (view: EditorView) => { this.emit("cx-run", view.state.doc.toString()); return true; };
    this.view = new EditorView({
      parent: this,
      state: EditorState.create({
        doc: this.pendingValue,
        extensions: [
          Prec.highest(keymap.of([{ key: "Shift-Enter", run }, { key: "Mod-Enter", run }])),
          lineNumbers(), history(), drawSelection(), indentOnInput(), bracketMatching(), closeBrackets(), highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap]),
          this.language.of(languageFor(this.pendingMode)),
          EditorView.lineWrapping, theme,
          EditorView.contentAttributes.of({ "aria-label": this.label }),
          EditorView.updateListener.of((update) => { if (update.docChanged) this.emit("cx-edit", update.state.doc.toString()); }),
          EditorView.domEventHandlers({ blur: () => { this.emit("cx-leave", this.value); return false; } }),
        ],
      }),
    });
  }

  override focus(): void {
    this.view?.focus();
  }

  /** Mark an error at a 1-based line and column (or clear the marks with `undefined`). */
  markError(error?: { message: string; line?: number; column?: number }): void {
    if (!this.view) return;
    const { doc } = this.view.state;
    if (!error?.line || error.line > doc.lines) { this.view.dispatch(setDiagnostics(this.view.state, [])); return; }
    const line = doc.line(error.line);
    const from = Math.min(line.from + Math.max(0, (error.column ?? 1) - 1), line.to);
    const to = Math.max(from, line.to);
    this.view.dispatch(setDiagnostics(this.view.state, [{ from, to: to === from ? Math.min(from + 1, doc.length) : to, severity: "error", message: error.message }]));
  }

  private emit(type: string, text: string): void {
    this.dispatchEvent(new CustomEvent(type, { detail: text, bubbles: true, composed: true }));
  }
}

customElements.define("cx-cell-editor", CellEditor);
