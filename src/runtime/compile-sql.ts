// Turning a `sql` cell into a runtime definition, as Notebook Kit 2 writes them: the cell is a
// template whose `${…}` interpolations are bound as query parameters (Notebook Kit's
// `db.sql\`…\`` joins the text pieces with `?`), its `output` attribute names its result, and the
// cell shows the result as a table unless it is `hidden`. Where Notebook Kit's default database is
// a `db` the notebook must define, crossexam gives every notebook one DuckDB (the standard
// library's SQL_HOST); `database="var:x"` still queries the notebook's own `x.sql`.
// The tables a query names (`FROM penguins`) become the cell's inputs when some cell defines them,
// so a sql cell recomputes when its tables change, like any other reader.
import { transpile } from "@observablehq/notebook-kit";
import type { Cell } from "../notebook/types";
import { CellSyntaxError, type CompiledCell } from "./compile";
import { sqlReferences } from "./sql-references";

/** The builtin through which sql cells reach the standard library's SQL engine. */
export const SQL_HOST = "__crossexam_sql";

/** What the standard library offers sql cells under SQL_HOST. */
export interface SqlHost {
  query(request: { strings: readonly string[]; params: unknown[]; tables: Record<string, unknown>; invalidation?: Promise<unknown> }): Promise<unknown>;
  /** the cell's display of a result: a table */
  view(result: unknown): unknown;
}

type Tagged = { sql: (strings: readonly string[], ...params: unknown[]) => Promise<unknown> };

/**
 * Compile a sql cell; `defined` tells which names some other cell defines (the candidates for
 * tables), so the cell's inputs are its interpolations plus the defined tables its query names.
 */
export function compileSqlCell(cell: Cell, defined: (name: string) => boolean = () => false): CompiledCell {
  const database = cell.database;
  // Notebook Kit reads an absent database as "var:db"; with no `db` in the notebook, the built-in one
  const named = database?.startsWith("var:") ? database.slice("var:".length) : undefined;
  const own = named === "db" && !defined("db") ? undefined : named;
  if (database !== undefined && named === undefined && database !== "duckdb") {
    throw new CellSyntaxError(`database "${database}" is a server database of Observable's; crossexam runs sql cells on its own DuckDB (leave out the database attribute, or name a variable: database="var:db")`);
  }
  const client = "__crossexam_sql_client";
  let transpiled;
  try {
    transpiled = transpile({ id: cell.id, value: cell.value, mode: "sql", pinned: false, hidden: true, database: `var:${client}` } as never);
  } catch (error) {
    const e = error as SyntaxError & { loc?: { line: number; column: number } };
    throw new CellSyntaxError(e.loc ? `${e.message.replace(/\s*\(\d+:\d+\)\s*$/, "")} at line ${e.loc.line}, column ${e.loc.column + 1}` : e.message, e.loc?.line, e.loc ? e.loc.column + 1 : undefined);
  }
  const params = (transpiled.inputs ?? []).filter((i) => i !== client);
  const template = cell.value.trim() === ""
    ? undefined
    // eslint-disable-next-line no-new-func -- evaluating cell code is the product
    : new Function(`return (${transpiled.body});`)() as (...args: unknown[]) => Promise<unknown>;
  const references = sqlReferences(cell.value);
  const tables = references.tables.filter((t) => defined(t) && t !== cell.output && !params.includes(t) && t !== own);
  const display = !cell.hidden;
  const inputs = [SQL_HOST, "invalidation", ...(display ? ["display"] : []), ...(own ? [own] : []), ...params, ...tables];
  const body = async (host: SqlHost, invalidation: Promise<unknown>, ...rest: unknown[]) => {
    const show = display ? rest.shift() as (value: unknown) => unknown : undefined;
    const database = own ? rest.shift() as Tagged : undefined;
    const values = rest.slice(0, params.length);
    const named = Object.fromEntries(tables.map((t, k) => [t, rest[params.length + k]]));
    if (!template) return undefined; // an empty cell runs no query
    const tagged: Tagged = database ?? { sql: (strings, ...bound) => host.query({ strings, params: bound, tables: named, invalidation }) };
    const result = await template(...(transpiled.inputs ?? []).map((i) => (i === client ? tagged : values[params.indexOf(i)])));
    show?.(host.view(result));
    return result;
  };
  return {
    id: cell.id, inputs, outputs: [], output: cell.output || undefined,
    autodisplay: false, autoview: false, automutable: false,
    files: references.files, // a published site carries the files a query names, as FileAttachment's
    body: body as CompiledCell["body"],
  };
}
