// Turning one cell's source into a runtime definition: Notebook Kit's transpiler finds the
// cell's inputs (free references) and outputs (top-level declarations); we evaluate the body
// once and route its dynamic `import()`s through our own resolver, so `import … from "crossexam"`
// and the bundled libraries work with no network and no bundler at run time.
import { transpile } from "@observablehq/notebook-kit";
import { Parser } from "acorn";
import { simple } from "acorn-walk";
import type { Cell } from "../notebook/types";
import { compileSqlCell } from "./compile-sql";

/** Modes the runtime evaluates; other cells are kept in the file and shown as source only. */
export const RUNNABLE_MODES = new Set(["js", "ts", "ojs", "md", "html", "tex", "sql"]);

export interface CompiledCell {
  id: number;
  /** names the body reads, in argument order (`display` and `view` are per-cell) */
  inputs: string[];
  /** top-level declarations exposed to other cells */
  outputs: string[];
  /** a single exposed name (Notebook Kit's `output` attribute), when set */
  output?: string;
  /** show the body's value (an expression cell, a markdown cell …) */
  autodisplay: boolean;
  /** an ojs `viewof x = …` cell: `output` is `viewof$x`, and `x` is the element's value */
  autoview: boolean;
  /** an ojs `mutable x = …` cell: `output` is `mutable x`, and other cells assign `mutable$x.value` */
  automutable: boolean;
  /** files named in `FileAttachment("…")` */
  files: string[];
  /** the body; its parameters match `inputs`; `importer` resolves dynamic imports */
  body: (...args: unknown[]) => unknown;
}

/** A cell that does not parse, with a 1-based line and column into the cell's source. */
export class CellSyntaxError extends SyntaxError {
  override name = "SyntaxError";
  constructor(message: string, readonly line?: number, readonly column?: number) {
    super(message);
  }
}

export type Importer = (specifier: string) => Promise<unknown>;

/** `defined` says which names other cells define: a sql cell reads those its query names as tables. */
export function compileCell(cell: Cell, importer: Importer, defined?: (name: string) => boolean): CompiledCell {
  if (cell.mode === "sql") return compileSqlCell(cell, defined);
  if (!RUNNABLE_MODES.has(cell.mode)) {
    throw new CellSyntaxError(`${cell.mode === "unknown" ? `cells of type "${cell.rawType}"` : `${cell.mode} cells`} are kept in the file but not run by crossexam`);
  }
  let transpiled;
  try {
    transpiled = transpile({ id: cell.id, value: cell.value, mode: cell.mode, pinned: cell.pinned, hidden: cell.hidden, output: cell.output } as never);
  } catch (error) {
    throw toCellSyntaxError(error);
  }
  const source = routeImports(transpiled.body);
  // eslint-disable-next-line no-new-func -- evaluating cell code is the product
  const body = new Function("__crossexam_import__", `return (${source});`)(importer) as CompiledCell["body"];
  return {
    id: cell.id,
    inputs: transpiled.inputs ?? [],
    outputs: transpiled.outputs ?? [],
    output: transpiled.output,
    autodisplay: !!transpiled.autodisplay,
    autoview: !!(transpiled as { autoview?: boolean }).autoview,
    automutable: !!(transpiled as { automutable?: boolean }).automutable,
    files: [...(transpiled.files ?? [])],
    body,
  };
}

// Replace each `import(` keyword of the transpiled body (found by parsing, not by text search)
// with a call to our resolver. The body is a function expression (an anonymous ojs cell's is
// `function(md){…}`), so it is parsed in parentheses, as an expression.
function routeImports(body: string): string {
  const ast = Parser.parse(`(${body})`, { ecmaVersion: "latest", sourceType: "module" });
  const starts: number[] = [];
  simple(ast, { ImportExpression(node) { starts.push(node.start - 1); } });
  let out = body;
  for (const start of starts.sort((a, b) => b - a)) {
    out = `${out.slice(0, start)}__crossexam_import__${out.slice(start + "import".length)}`;
  }
  return out;
}

function toCellSyntaxError(error: unknown): Error {
  if (!(error instanceof SyntaxError)) return error as Error;
  const loc = (error as SyntaxError & { loc?: { line: number; column: number } }).loc;
  const match = /\((\d+):(\d+)\)\s*$/.exec(error.message);
  const line = loc?.line ?? (match ? Number(match[1]) : undefined);
  const column = loc?.column ?? (match ? Number(match[2]) : undefined);
  // acorn's columns are 0-based; people count from 1
  const message = error.message.replace(/\s*\(\d+:\d+\)\s*$/, "");
  return new CellSyntaxError(
    line !== undefined ? `${message} at line ${line}, column ${(column ?? 0) + 1}` : message,
    line,
    column !== undefined ? column + 1 : undefined,
  );
}
