// Making a ready-made cell fit the notebook it is added to. A template never defines a name the
// notebook already defines (that would turn both cells red, "defined more than once"):
//  - a statement that only (re)defines names of the shared vocabulary (`table`, `models`, `target`,
//    `batch`, …) that the notebook already has is dropped: the cell reuses the notebook's value;
//  - any other name already taken is renamed in the whole cell to a fresh one (`profiles2`);
//  - if dropping would leave the cell empty, its names are renamed instead (a second table, say).
// Names the cell reads that nothing defines yet are listed, so the menu can say what to add first.
// Source text in, source text out (acorn finds declarations and references, not a regex); the
// notebook's names come from the runtime's own compiler.
import { Parser, type Node } from "acorn";
import { ancestor } from "acorn-walk";
import type { Cell, Notebook } from "../notebook/types";
import { compileCell } from "../runtime/compile";
import type { CellLibrary, CellTemplate } from "./cell-library";

/** Names every ready-made cell shares (cells/README.md): reused when the notebook defines them. */
export const VOCABULARY: readonly string[] = ["table", "models", "target", "batch", "whatIf", "candidates", "setData", "rashomon", "epsilon", "selection"];

/** Names a cell can read that no cell defines (the standard library and per-cell builtins). */
export const BUILTINS: readonly string[] = [
  "display", "view", "progress", "invalidation", "visibility", "Plot", "aq", "Inputs", "d3", "htl", "html", "svg", "md", "crossexam",
  "FileAttachment", "width", "now",
];

export interface FittedTemplate {
  source: string;
  /** vocabulary names whose definition was dropped: the cell reads the notebook's own */
  reused: string[];
  /** old name → fresh name */
  renamed: Record<string, string>;
  /** names the cell reads that the notebook does not define yet */
  missing: string[];
}

interface Span { start: number; end: number }
type AnyNode = Node & Record<string, any>;

function parse(source: string): AnyNode {
  return Parser.parse(source, { ecmaVersion: "latest", sourceType: "module", allowAwaitOutsideFunction: true }) as AnyNode;
}

/** The names a declaration pattern binds (`const {a, b: [c]} = …` → a, c). */
function patternNames(p: AnyNode | null, out: string[] = []): string[] {
  if (!p) return out;
  switch (p.type) {
    case "Identifier": out.push(p.name); break;
    case "ObjectPattern": for (const prop of p.properties) patternNames(prop.type === "RestElement" ? prop.argument : prop.value, out); break;
    case "ArrayPattern": for (const e of p.elements) patternNames(e, out); break;
    case "RestElement": patternNames(p.argument, out); break;
    case "AssignmentPattern": patternNames(p.left, out); break;
  }
  return out;
}

function declaredBy(statement: AnyNode): string[] {
  if (statement.type === "VariableDeclaration") return statement.declarations.flatMap((d: AnyNode) => patternNames(d.id));
  if ((statement.type === "FunctionDeclaration" || statement.type === "ClassDeclaration") && statement.id) return [statement.id.name];
  return [];
}

/** A name not in `taken`: `name2`, `name3`, … */
export function freshName(name: string, taken: ReadonlySet<string>): string {
  for (let k = 2; ; k++) if (!taken.has(`${name}${k}`)) return `${name}${k}`;
}

/** Every place in `source` where identifier `name` is meant (not property names), as edits. */
function renameEdits(ast: AnyNode, renames: Record<string, string>): { start: number; end: number; text: string }[] {
  const edits: { start: number; end: number; text: string }[] = [];
  const seen = new Set<number>();
  const visit = (node: AnyNode, _state: unknown, ancestors: AnyNode[]) => {
      const to = renames[node.name];
      if (!to || seen.has(node.start)) return;
      seen.add(node.start);
      const parent = ancestors[ancestors.length - 2];
      // (acorn-walk never visits non-computed property names or keys: only references reach here)
      if (parent?.type === "MemberExpression" && parent.property === node && !parent.computed) return;
      if (parent?.type === "Property" && parent.key === node && !parent.computed && !parent.shorthand) return;
      // `{table}` (shorthand, in a pattern or an object literal) keeps its key and takes the new name as value
      // (in a pattern the walker skips the Property node: find it in the ObjectPattern)
      const property = parent?.type === "Property" ? parent
        : parent?.type === "ObjectPattern" ? parent.properties.find((p: AnyNode) => p.value === node) : undefined;
      if (property?.shorthand) { edits.push({ start: node.start, end: node.end, text: `${node.name}: ${to}` }); return; }
      edits.push({ start: node.start, end: node.end, text: to });
  };
  // declarations' names are walked as VariablePattern, every other reference as Identifier
  ancestor(ast, { Identifier: visit, VariablePattern: visit } as never);
  return edits;
}

/** The statement's span, with its line (and the line break after it) when it stands alone. */
function lineSpan(source: string, s: Span): Span {
  let start = s.start, end = s.end;
  while (start > 0 && (source[start - 1] === " " || source[start - 1] === "\t")) start--;
  if (start === 0 || source[start - 1] === "\n") {
    while (end < source.length && source[end] !== "\n") end++;
    if (end < source.length) end++;
  }
  return { start, end };
}

/**
 * Fit a template's source to a notebook that defines `defined`; `reads(source)` lists the free
 * names a cell reads (the runtime's compiler gives them), for `missing`.
 */
export function fitTemplate(source: string, defined: ReadonlySet<string>, reads?: (source: string) => string[]): FittedTemplate {
  let ast: AnyNode;
  try {
    ast = parse(source);
  } catch {
    return { source, reused: [], renamed: {}, missing: [] }; // markdown, html: nothing declared
  }
  const statements: AnyNode[] = ast.body;
  const declared = statements.map(declaredBy);
  const own = new Set(declared.flat());
  const drop = statements.map((_, i) => declared[i].length > 0 && declared[i].every((n) => defined.has(n) && VOCABULARY.includes(n)));
  // never drop everything that declares: a cell that would define nothing takes fresh names instead
  const declaring = statements.filter((_, i) => declared[i].length > 0).length;
  const dropped = drop.filter(Boolean).length;
  if (dropped > 0 && dropped === declaring) drop.fill(false);
  const reused = declared.filter((_, i) => drop[i]).flat();

  const taken = new Set([...defined, ...own]);
  const renamed: Record<string, string> = {};
  for (const name of own) {
    if (!defined.has(name) || reused.includes(name)) continue;
    renamed[name] = freshName(name, taken);
    taken.add(renamed[name]);
  }

  type Edit = { start: number; end: number; text: string };
  const edits: Edit[] = [
    ...statements.flatMap((s, i): Edit[] => (drop[i] ? [{ ...lineSpan(source, s), text: "" }] : [])),
    ...renameEdits(ast, renamed).filter((e) => !statements.some((s, i) => drop[i] && e.start >= s.start && e.end <= s.end)),
  ].sort((a, b) => b.start - a.start);
  let out = source;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  out = out.replace(/^\s*\n/, "");

  const missing = reads ? reads(out).filter((n) => !defined.has(n) && !BUILTINS.includes(n)) : [];
  return { source: out, reused, renamed, missing };
}

/** The top-level names a cell's source declares (none for markdown or html, or what does not parse). */
export function declaredNames(source: string): string[] {
  try {
    return (parse(source).body as AnyNode[]).flatMap(declaredBy);
  } catch {
    return [];
  }
}

/** A comment line saying which names the cell still needs, and which ready-made cells define them. */
export function missingNote(missing: readonly string[], definers: ReadonlyMap<string, string>): string {
  if (missing.length === 0) return "";
  const names = missing.map((n) => `\`${n}\``).join(", ");
  const add = [...new Set(missing.map((n) => definers.get(n)).filter((t): t is string => !!t))].map((t) => `“${t}”`);
  return `// reads ${names}, not defined in this notebook yet${add.length ? `: add ${add.join(", ")} first` : ""}\n`;
}

// ---- fitting a template to a whole notebook (what the add-cell menu does) ----

const noImport = async () => ({});

/** The names the notebook's cells define (a cell that does not compile defines nothing). */
export function definedNames(cells: readonly Cell[]): Set<string> {
  const names = new Set<string>();
  for (const cell of cells) {
    try {
      for (const n of compileCell(cell, noImport).outputs) names.add(n);
    } catch { /* a syntax error or a kept-but-not-run cell */ }
  }
  return names;
}

/** The names a cell's source reads from other cells. */
function readsOf(source: string): string[] {
  try {
    return compileCell({ id: 0, mode: "js", value: source, pinned: false, hidden: false }, noImport).inputs;
  } catch {
    return [];
  }
}

/** A template's source as it should be inserted into `notebook` (see fit-template.ts). */
export function fittedSource(template: CellTemplate, notebook: Notebook | undefined, library: CellLibrary): string {
  if (template.mode !== "js") return template.source;
  const fitted = fitTemplate(template.source, definedNames(notebook?.cells ?? []), readsOf);
  const definers = new Map<string, string>();
  for (const t of library.templates) for (const n of declaredNames(t.source)) if (!definers.has(n)) definers.set(n, t.title);
  return missingNote(fitted.missing, definers) + fitted.source;
}
