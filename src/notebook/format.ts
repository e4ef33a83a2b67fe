// Reading and writing Observable Notebook Kit 2 files (`<notebook>` + one `<script>` per cell).
// Notebook Kit's `deserialize` reads the cells, so our reading matches Observable's exactly;
// a second pass over the same DOM keeps what Notebook Kit would drop (unknown attributes,
// unknown cell types, foreign elements, fork lineage), and our writer mirrors Notebook Kit's
// `serialize` byte for byte when there is nothing extra to write (tested against it).
//
// A cell whose text the tokenizer would not read back inside a plain `<script>` (`</script/`, an
// unclosed `<!--<script>`; see script-text.ts) is written as `<svg><script …>` instead: inside SVG
// the text is ordinary character data, escaped with entities, so any text survives, and Notebook
// Kit's `deserialize` (which reads every `notebook script`) still reads the same cell.
import { deserialize } from "@observablehq/notebook-kit";
import { escapeScriptText, indentCellText, safeAsScriptText } from "./script-text.ts";
import { NOT_A_NOTEBOOK } from "./sniff.ts";
import type { Cell, CellMode, Dom, Lineage, Notebook } from "./types";

const SVG = "http://www.w3.org/2000/svg";

const MODE_TYPES: Record<Exclude<CellMode, "unknown">, string> = {
  js: "module", ts: "text/x-typescript", ojs: "application/vnd.observable.javascript",
  md: "text/markdown", html: "text/html", tex: "application/x-tex", dot: "text/vnd.graphviz",
  sql: "application/sql", node: "application/vnd.node.javascript", python: "text/x-python", r: "text/x-r",
};
const KNOWN_TYPES = new Set(Object.values(MODE_TYPES));
const CELL_ATTRIBUTES = new Set(["id", "type", "pinned", "hidden", "output", "format", "database"]);
const NOTEBOOK_ATTRIBUTES = new Set(["theme", "readonly"]);
const LINEAGE_ATTRIBUTES = { parent: "fork-of", parentHash: "fork-hash", forkedAt: "forked-at" } as const;

export class NotebookFormatError extends Error {
  override name = "NotebookFormatError";
}

/** Parse a notebook file. Throws NotebookFormatError when there is no <notebook> element. */
export function parseNotebook(text: string, dom: Dom = defaultDom()): Notebook {
  const document = dom.parser.parseFromString(text, "text/html");
  const root = document.querySelector("notebook");
  if (!root) throw new NotebookFormatError(NOT_A_NOTEBOOK);
  const kit = deserialize(text, { parser: dom.parser });
  const scripts = Array.from(root.querySelectorAll("script"));
  const cells: Cell[] = kit.cells.map((c, i) => {
    const script = scripts[i];
    const type = script.getAttribute("type");
    const unknownType = type !== null && type !== "" && !KNOWN_TYPES.has(type);
    const cell: Cell = { id: c.id, mode: unknownType ? "unknown" : c.mode, value: c.value, pinned: c.pinned, hidden: c.hidden };
    if (unknownType) cell.rawType = type!;
    if (c.output !== undefined) cell.output = c.output;
    const format = script.getAttribute("format");
    if (format !== null) cell.format = format; // Notebook Kit drops formats it doesn't know (svg, xml)
    if (c.database !== undefined) cell.database = c.database;
    const extra = otherAttributes(script, CELL_ATTRIBUTES);
    if (extra.length) cell.extra = extra;
    return cell;
  });
  const notebook: Notebook = { title: kit.title, theme: root.getAttribute("theme") ?? "air", readOnly: kit.readOnly, cells };
  const lineage = readLineage(root);
  if (lineage) notebook.lineage = lineage;
  const lineageNames = new Set<string>(Object.values(LINEAGE_ATTRIBUTES));
  const extra = otherAttributes(root, new Set([...NOTEBOOK_ATTRIBUTES, ...lineageNames]));
  if (extra.length) notebook.extra = extra;
  const foreign: { after: number; html: string }[] = [];
  let seen = 0;
  let titleSeen = false;
  for (const child of Array.from(root.children)) {
    if (child.tagName === "SCRIPT" || isCellHolder(child)) seen++;
    else if (child.tagName === "TITLE" && !titleSeen) titleSeen = true;
    else foreign.push({ after: seen, html: child.outerHTML });
  }
  if (foreign.length) notebook.foreign = foreign;
  return notebook;
}

/** Write a notebook file; `parseNotebook(serializeNotebook(n))` gives back `n`. */
export function serializeNotebook(notebook: Notebook, dom: Dom = defaultDom()): string {
  const { document } = dom;
  const root = document.createElement("notebook");
  root.setAttribute("theme", notebook.theme);
  if (notebook.readOnly) root.setAttribute("readonly", "");
  if (notebook.lineage) {
    for (const [key, attribute] of Object.entries(LINEAGE_ATTRIBUTES)) {
      root.setAttribute(attribute, notebook.lineage[key as keyof Lineage]);
    }
  }
  for (const [name, value] of notebook.extra ?? []) root.setAttribute(name, value);
  const newline = () => root.appendChild(document.createTextNode("\n  "));
  newline();
  const title = document.createElement("title");
  title.textContent = notebook.title;
  root.appendChild(title);
  const foreign = notebook.foreign ?? [];
  const appendForeign = (after: number) => {
    for (const f of foreign.filter((f) => f.after === after)) {
      newline();
      const holder = document.createElement("template");
      holder.innerHTML = f.html;
      root.appendChild(holder.content.cloneNode(true));
    }
  };
  appendForeign(0);
  notebook.cells.forEach((cell, i) => {
    newline();
    const body = indentCellText(escapeScriptText(cell.value));
    const safe = safeAsScriptText(body);
    const script = safe ? document.createElement("script") : document.createElementNS(SVG, "script");
    script.id = String(cell.id);
    script.setAttribute("type", cell.mode === "unknown" ? cell.rawType ?? "text/plain" : MODE_TYPES[cell.mode]);
    script.textContent = body;
    if (cell.pinned) script.setAttribute("pinned", "");
    if (cell.hidden) script.setAttribute("hidden", "");
    if (cell.database) script.setAttribute("database", cell.database);
    if (cell.output) script.setAttribute("output", cell.output);
    if (cell.format) script.setAttribute("format", cell.format);
    for (const [name, value] of cell.extra ?? []) script.setAttribute(name, value);
    if (safe) root.appendChild(script);
    else root.appendChild(document.createElementNS(SVG, "svg")).appendChild(script);
    appendForeign(i + 1);
  });
  root.appendChild(document.createTextNode("\n"));
  return `<!doctype html>\n${root.outerHTML}\n`;
}

/** The next free cell id (ids are never reused within a notebook). */
export function nextCellId(notebook: Notebook): number {
  return notebook.cells.reduce((max, c) => Math.max(max, c.id), 0) + 1;
}

function readLineage(root: Element): Lineage | undefined {
  const parent = root.getAttribute(LINEAGE_ATTRIBUTES.parent);
  if (parent === null) return undefined;
  return {
    parent,
    parentHash: root.getAttribute(LINEAGE_ATTRIBUTES.parentHash) ?? "",
    forkedAt: root.getAttribute(LINEAGE_ATTRIBUTES.forkedAt) ?? "",
  };
}

function otherAttributes(element: Element, known: Set<string>): [string, string][] {
  return Array.from(element.attributes).filter((a) => !known.has(a.name)).map((a) => [a.name, a.value]);
}

// The `<svg>` that holds one cell written as SVG script (see the top of this file).
function isCellHolder(element: Element): boolean {
  return element.localName === "svg" && element.children.length === 1 && element.children[0].localName === "script";
}

function defaultDom(): Dom {
  if (typeof DOMParser === "undefined" || typeof document === "undefined") {
    throw new Error("no DOM here: pass {parser, document} (in Node, from `nodeDom()` in src/notebook/node-dom.ts)");
  }
  return { parser: new DOMParser(), document };
}
