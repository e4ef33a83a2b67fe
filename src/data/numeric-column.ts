// A numeric column held as one Float64Array (NaN = missing), as CSV, Arrow and Parquet loading make
// them: arquero reads it through `at` (missing shows as null, as in every other column), and toBatch
// hands the array itself to models, so the numbers are never copied or boxed one by one.
// Also: building arquero tables whose column names are data (`__proto__`, `constructor`, …).
import { ColumnTable } from "arquero";

export class NumericColumn {
  readonly length: number;
  constructor(readonly values: Float64Array) {
    this.length = values.length;
  }

  at(row: number): number | null {
    const v = this.values[row];
    return v === v ? v : null;
  }

  *[Symbol.iterator](): Iterator<number | null> {
    for (let r = 0; r < this.length; r++) yield this.at(r);
  }

  /** For arquero's toArrow: the array itself when nothing is missing, else values with null. */
  toArray(): Float64Array | (number | null)[] {
    const v = this.values;
    for (let r = 0; r < v.length; r++) if (v[r] !== v[r]) return Array.from(this);
    return v;
  }
}

/** The Float64Array behind column `name`, when the table holds it as a NumericColumn in row order. */
export function numericValues(table: ColumnTable, name: string): Float64Array | undefined {
  if (table.isFiltered() || table.isOrdered()) return undefined;
  if (!table.columnNames().includes(name)) return undefined;
  const col = table.column(name) as unknown;
  return col instanceof NumericColumn ? col.values : undefined;
}

export type TableColumn = NumericColumn | ArrayLike<unknown> | { length: number; at(row: number): unknown };

/**
 * An arquero table from columns in order. arquero's own `table()` copies them into a plain object with
 * `data[name] = …`, which a column named `__proto__` turns into a prototype change; a null-prototype object
 * (which ColumnTable spreads into own data properties) keeps every name a column.
 */
export function columnTable(names: readonly string[], columns: readonly TableColumn[]): ColumnTable {
  const data = Object.create(null) as Record<string, TableColumn>;
  names.forEach((name, j) => { data[name] = columns[j]; });
  return new ColumnTable(data as never, names.slice());
}

/** Rows `rows` (0-based, in the given order) of `table`, as a new table (arquero's reify breaks on `__proto__`). */
export function tableRows(table: ColumnTable, rows: ArrayLike<number>): ColumnTable {
  const names = table.columnNames();
  const n = rows.length;
  const columns = names.map((name) => {
    const values = numericValues(table, name);
    if (values) {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = values[rows[i]];
      return new NumericColumn(out);
    }
    const get = table.getter(name);
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = get(rows[i]);
    return out;
  });
  return columnTable(names, columns);
}

/** The table itself when it is in row order, else its visible rows as a new table (arquero's reify, name-safe). */
export function reified(table: ColumnTable): ColumnTable {
  if (!table.isFiltered() && !table.isOrdered()) return table;
  return tableRows(table, Int32Array.from({ length: table.numRows() }, (_, i) => i));
}
