// Table → Batch, the columnar form explainers and models read (see src/model/types.ts):
// numeric features as Float64Array with NaN for missing, the others as strings with null. A typed column
// (NumericColumn) is shared with the table: batches are read-only.
import type { ColumnTable } from "arquero";
import type { Batch, Column } from "../model/types";
import { Cell, cellBoolean, cellKind, cellLabel, cellNumber } from "./cell-kind";
import { DataError, listSome } from "./errors";
import { numericValues } from "./numeric-column";
import { requireColumns } from "./require-columns";
import { columnSchema, DEFAULT_NA } from "./schema";
import type { Schema } from "./schema";

const MISSING_MARKERS: ReadonlySet<string> = new Set(DEFAULT_NA);

/**
 * The `features` columns of `table` as a Batch. Types come from `schema` when given; otherwise a
 * column whose non-missing cells are all numbers is numeric and anything else categorical.
 */
export function toBatch(table: ColumnTable, features: readonly string[], schema?: Schema): Batch {
  requireColumns(table, features);
  const n = table.numRows();
  // null prototype: a feature named `__proto__` or `constructor` is a column like any other
  const columns: Record<string, Column> = Object.create(null);
  for (const name of features) {
    const declared = schema ? columnSchema(schema, name) : undefined;
    const type = declared?.type === "target" || declared?.type === "id" ? undefined : declared?.type;
    // a typed numeric column is the batch column itself (NaN = missing already): not copied, not re-read
    const typed = type === undefined || type === "numeric" ? numericValues(table, name) : undefined;
    if (typed) { columns[name] = typed; continue; }
    const get = table.getter(name);
    let numeric: boolean;
    if (type !== undefined) numeric = type === "numeric";
    else {
      // undeclared: numeric only if every present cell is a number
      numeric = true;
      for (let r = 0; r < n && numeric; r++) {
        const k = cellKind(get(r), MISSING_MARKERS);
        if (k !== Cell.Missing && k !== Cell.Number) numeric = false;
      }
    }
    if (numeric) {
      const out = new Float64Array(n);
      const bad: number[] = [];
      for (let r = 0; r < n; r++) {
        const v = get(r);
        const k = cellKind(v, MISSING_MARKERS);
        if (k === Cell.Number) out[r] = cellNumber(v);
        else { out[r] = NaN; if (k !== Cell.Missing) bad.push(r + 1); }
      }
      if (bad.length > 0) {
        throw new DataError(`feature \`${name}\` is numeric but data rows ${listSome(bad)} hold text (rows counted from 1)`, { kind: "type", column: name, rows: bad });
      }
      columns[name] = out;
    } else {
      const out: (string | null)[] = new Array(n);
      const bool = type === "boolean";
      for (let r = 0; r < n; r++) {
        const v = get(r);
        out[r] = cellKind(v, MISSING_MARKERS) === Cell.Missing ? null : bool ? String(cellBoolean(v)) : cellLabel(v);
      }
      columns[name] = out;
    }
  }
  return { n, columns };
}
