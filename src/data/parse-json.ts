// JSON text → an arquero table. Two shapes: an array of row objects, or an object of
// equal-length column arrays (arquero's own toJSON output, `{schema, data}`, is the second).
import type { ColumnTable } from "arquero";
import { DataError } from "./errors";
import { locateJsonError } from "./json-error-position";
import { columnTable } from "./numeric-column";

const SHAPES = 'expected an array of row objects ([{"col": value, …}, …]) or an object of columns ({"col": [values…], …})';

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

export function parseJson(text: string): ColumnTable {
  if (text.trim() === "") throw new DataError("empty file", { kind: "empty" });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const where = locateJsonError(text);
    const message = where
      ? `invalid JSON at line ${where.line}, column ${where.column}: ${where.problem}`
      : `invalid JSON: ${(e as Error).message}`;
    throw new DataError(message, { kind: "invalid-json", ...(where ? { line: where.line } : {}) });
  }
  if (Array.isArray(data)) return fromRows(data);
  if (data !== null && typeof data === "object") {
    const obj = data as Record<string, unknown>;
    const cols = "schema" in obj && obj.data !== null && typeof obj.data === "object" && !Array.isArray(obj.data)
      ? (obj.data as Record<string, unknown>) : obj;
    return fromColumns(cols);
  }
  throw new DataError(`the JSON holds ${describe(data)}; ${SHAPES}`, { kind: "json-shape" });
}

// column names are data: a Map, and tables built by columnTable (arquero's own table() breaks on `__proto__`)
function fromRows(rows: unknown[]): ColumnTable {
  if (rows.length === 0) throw new DataError("the JSON array holds no rows", { kind: "no-rows" });
  const columns = new Map<string, unknown[]>();
  rows.forEach((row, r) => {
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      throw new DataError(`element ${r + 1} of the JSON array is ${describe(row)}; ${SHAPES}`, { kind: "json-shape", rows: [r + 1] });
    }
    for (const [key, value] of Object.entries(row)) {
      // a key first seen at row r was missing (null) in the rows before it
      let col = columns.get(key);
      if (!col) columns.set(key, (col = new Array(r).fill(null)));
      col.push(value === undefined ? null : value);
    }
    for (const col of columns.values()) if (col.length === r) col.push(null);
  });
  return columnTable([...columns.keys()], [...columns.values()]);
}

function fromColumns(obj: Record<string, unknown>): ColumnTable {
  const names = Object.keys(obj);
  if (names.length === 0) throw new DataError("the JSON object holds no columns", { kind: "empty" });
  let length = -1;
  let first = "";
  const columns: unknown[][] = [];
  for (const name of names) {
    const col = obj[name];
    if (!Array.isArray(col)) {
      throw new DataError(`JSON key \`${name}\` holds ${describe(col)}, not an array of values; ${SHAPES}`, { kind: "json-shape", column: name });
    }
    if (length < 0) { length = col.length; first = name; }
    else if (col.length !== length) {
      throw new DataError(`column \`${name}\` has ${col.length} values but column \`${first}\` has ${length}; all columns need one value per row`,
        { kind: "json-shape", column: name });
    }
    columns.push(col);
  }
  if (length === 0) throw new DataError(`the JSON columns (${names.map((c) => `\`${c}\``).join(", ")}) hold no rows`, { kind: "no-rows" });
  return columnTable(names, columns);
}
