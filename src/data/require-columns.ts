// Checking that the columns a cell asks for exist, with the table's columns in the message
// so a typo is easy to spot.
import type { ColumnTable } from "arquero";
import { DataError } from "./errors";

function listColumns(table: ColumnTable): string {
  const names = table.columnNames();
  const shown = names.slice(0, 12).join(", ");
  return names.length > 12 ? `${shown}, … (${names.length} in all)` : shown;
}

/** Throws a DataError naming the first missing column and the columns the table has. */
export function requireColumns(table: ColumnTable, names: readonly string[], what = "missing"): void {
  const have = new Set(table.columnNames());
  const missing = names.filter((n) => !have.has(n));
  if (missing.length === 0) return;
  const list = missing.map((n) => `\`${n}\``).join(", ");
  const lead = what === "missing" ? `missing column${missing.length > 1 ? "s" : ""} ${list}` : `${what} ${list}, which the table lacks`;
  throw new DataError(`${lead}; the table has: ${listColumns(table)}`, { kind: "missing-column", column: missing[0] });
}

/** Throws a DataError when the target column is absent or holds no values at all. */
export function requireTarget(table: ColumnTable, target: string): void {
  if (!table.columnNames().includes(target)) {
    throw new DataError(`missing target column \`${target}\`; the table has: ${listColumns(table)}`, { kind: "missing-column", column: target });
  }
  const get = table.getter(target);
  const n = table.numRows();
  for (let r = 0; r < n; r++) {
    const v = get(r);
    if (v !== null && v !== undefined && v !== "" && !(typeof v === "number" && Number.isNaN(v))) return;
  }
  if (n > 0) throw new DataError(`target column \`${target}\` holds no values (all ${n} rows are missing)`, { kind: "missing-column", column: target });
}
