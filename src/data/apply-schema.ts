// Rewriting a table's cells to match its schema: numbers as numbers, booleans as booleans,
// categories as strings, every missing marker as null. Done once at load time so that
// every later cell sees clean, uniformly typed columns.
import type { ColumnTable } from "arquero";
import { Cell, cellBoolean, cellKind, cellLabel, cellNumber } from "./cell-kind";
import { columnTable, numericValues, reified } from "./numeric-column";
import { DEFAULT_NA } from "./schema";
import type { ColumnSchema, Schema } from "./schema";

function convert(value: unknown, col: ColumnSchema, na: ReadonlySet<string>): unknown {
  const kind = cellKind(value, na);
  if (kind === Cell.Missing) return null;
  const as = col.type === "numeric" ? "number"
    : col.type === "boolean" ? "boolean"
    : col.type === "categorical" ? "string"
    : col.values; // id and target keep what their values are
  switch (as) {
    case "number": return cellNumber(value);
    case "boolean": return cellBoolean(value);
    case "string": return cellLabel(value);
    default: return value;
  }
}

/** Whether every cell already is what `col` wants (so the column can be kept as it is). */
function alreadyClean(get: (row: number) => unknown, n: number, col: ColumnSchema, na: ReadonlySet<string>): boolean {
  const want = col.type === "numeric" ? "number" : col.type === "boolean" ? "boolean" : col.type === "categorical" ? "string" : null;
  if (want === null) return false;
  for (let r = 0; r < n; r++) {
    const v = get(r);
    if (v === null) continue;
    if (typeof v !== want) return false;
    if (want === "number" && v !== v) return false;
    if (want === "string" && na.has(v as string)) return false;
  }
  return true;
}

/** A new table whose columns hold the types `schema` says (missing cells → null). */
export function applySchema(table: ColumnTable, schema: Schema, na: readonly string[] = DEFAULT_NA): ColumnTable {
  const markers = new Set(na);
  const base = reified(table);
  const n = base.numRows();
  const columns = schema.columns.map((col) => {
    // a typed numeric column is already clean: shared, never read cell by cell
    const keepsNumbers = col.type === "numeric" || ((col.type === "id" || col.type === "target") && col.values === "number");
    if (keepsNumbers && numericValues(base, col.name)) return base.column(col.name)!;
    const get = base.getter(col.name);
    // columns that need no conversion (typical of Arrow and Parquet) are shared, not copied
    if (alreadyClean(get, n, col, markers)) return base.column(col.name)!;
    const out = new Array(n);
    for (let r = 0; r < n; r++) {
      const v = get(r);
      out[r] = typeof v === "number" && col.type === "numeric" ? (v === v ? v : null) : convert(v, col, markers);
    }
    return out;
  });
  return columnTable(schema.columns.map((c) => c.name), columns);
}
