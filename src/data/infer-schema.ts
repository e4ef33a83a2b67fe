// Deciding each column's feature type from all of its values (not a prefix), honouring
// declared types, and refusing declarations the data contradicts with the rows at fault.
import type { ColumnTable } from "arquero";
import { Cell, cellKind, cellLabel } from "./cell-kind";
import { DataError, listSome } from "./errors";
import { requireColumns, requireTarget } from "./require-columns";
import { numericValues } from "./numeric-column";
import { DEFAULT_NA } from "./schema";
import type { ColumnSchema, FeatureType, Schema, SchemaOptions, ValueKind } from "./schema";

/** Per-column facts gathered in one pass (for a typed numeric column, the costly ones only when asked). */
interface ColumnFacts {
  /** the kind of every cell */
  kinds(): Uint8Array;
  counts: number[];
  /** distinct non-missing values: numbers as numbers, other cells as labels */
  distinct(): Set<unknown>;
  distinctCount(): number;
  integers: boolean;
  min: number;
  max: number;
}

const TYPES: readonly FeatureType[] = ["numeric", "categorical", "boolean", "id", "target"];
// names that announce a row identifier (R's unnamed row-name column is "")
const ID_NAME = /^(?:|id|_?row_?(?:id|name|names)?|index|idx|unnamed: ?0|\.\.\.1)$|[_.]id$/i;
// a column of unique values is an id, not a feature, once the table is big enough to tell
const MIN_ROWS_FOR_UNIQUE_ID = 20;
const MAX_LEVELS = 100;

function gather(table: ColumnTable, name: string, na: ReadonlySet<string>): ColumnFacts {
  const typed = numericValues(table, name);
  if (typed) return typedFacts(typed);
  const n = table.numRows();
  const get = table.getter(name);
  const kinds = new Uint8Array(n);
  const counts = [0, 0, 0, 0, 0];
  // keys: numbers as numbers (so "1" and 1 agree), booleans and other cells as labels
  const distinct = new Set<unknown>();
  let integers = true, min = Infinity, max = -Infinity;
  // hot loop over every cell: numbers take the fast path, everything else goes through cellKind
  for (let r = 0; r < n; r++) {
    const v = get(r);
    let k: Cell;
    let x = NaN;
    if (typeof v === "number") k = v === v ? Cell.Number : Cell.Missing, x = v;
    else {
      k = cellKind(v, na);
      if (k === Cell.Number) x = Number(v);
    }
    kinds[r] = k;
    counts[k]++;
    if (k === Cell.Number) {
      distinct.add(x);
      if (integers && !Number.isInteger(x)) integers = false;
      if (x < min) min = x;
      if (x > max) max = x;
    } else if (k !== Cell.Missing) {
      distinct.add(k === Cell.Boolean ? cellLabel(v).toLowerCase() : cellLabel(v));
    }
  }
  return { kinds: () => kinds, counts, distinct: () => distinct, distinctCount: () => distinct.size, integers, min, max };
}

/** Facts of a Float64Array column (NaN = missing): one typed pass; kinds and distinct values on demand. */
function typedFacts(values: Float64Array): ColumnFacts {
  const n = values.length;
  let missing = 0, integers = true, min = Infinity, max = -Infinity;
  // hot loop, deliberately plain: one comparison chain per cell
  for (let r = 0; r < n; r++) {
    const x = values[r];
    if (x !== x) { missing++; continue; }
    if (x < min) min = x;
    if (x > max) max = x;
    if (integers && x !== Math.floor(x)) integers = false;
  }
  const counts = [missing, n - missing, 0, 0, 0];
  let count = -1;
  return {
    kinds: () => Uint8Array.from(values, (x) => (x === x ? Cell.Number : Cell.Missing)),
    counts,
    distinct: () => { const set = new Set<unknown>(); for (const x of values) if (x === x) set.add(x); return set; },
    distinctCount: () => (count >= 0 ? count : (count = countDistinct(values, n - missing))),
    integers, min, max,
  };
}

/** Distinct non-NaN values of a typed column, by sorting a copy (no Set of boxed numbers). */
function countDistinct(values: Float64Array, present: number): number {
  const sorted = new Float64Array(present);
  let k = 0;
  for (const x of values) if (x === x) sorted[k++] = x;
  sorted.sort();
  let count = 0;
  for (let i = 0; i < present; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) count++;
  return count;
}

/** 1-based data rows whose cells are of none of the `allowed` kinds. */
function rowsNotOf(facts: ColumnFacts, allowed: readonly Cell[]): number[] {
  const rows: number[] = [];
  facts.kinds().forEach((k, r) => { if (!allowed.includes(k as Cell)) rows.push(r + 1); });
  return rows;
}

function sampleValues(table: ColumnTable, name: string, rows: number[]): string {
  const get = table.getter(name);
  const seen = new Set<string>();
  for (const r of rows) { seen.add(JSON.stringify(cellLabel(get(r - 1)))); if (seen.size === 3) break; }
  return [...seen].join(", ");
}

function contradiction(table: ColumnTable, name: string, declared: string, rows: number[], what: string, hint: string): DataError {
  return new DataError(
    `column \`${name}\` is ${declared} but data rows ${listSome(rows)} hold ${what} (${sampleValues(table, name, rows)}); ` +
    `rows are counted from 1 after the header. ${hint}`,
    { kind: "type", column: name, rows });
}

function valueKind(facts: ColumnFacts): ValueKind {
  const [, numbers, booleans, dates, texts] = facts.counts;
  const present = numbers + booleans + dates + texts;
  if (present === 0) return "empty";
  if (numbers === present) return "number";
  if (booleans === present) return "boolean";
  if (dates === present) return "date";
  return "string";
}

/** The feature type a column's values suggest, plus a warning when they half-suggest numbers. */
function inferType(name: string, facts: ColumnFacts, rows: number, table: ColumnTable, warnings: string[]): FeatureType {
  const values = valueKind(facts);
  // unique also means no missing cell; asked only where it decides something (it may sort a column)
  const unique = () => facts.counts[Cell.Missing] === 0 && facts.distinctCount() === rows;
  const idByName = ID_NAME.test(name);
  if (values === "number") {
    // ids: unique integers under an id-like name, or a 1..n-like run of them in a table big enough to tell
    if (!facts.integers) return "numeric";
    const run = facts.max - facts.min === rows - 1 && rows >= MIN_ROWS_FOR_UNIQUE_ID;
    if ((idByName || run) && unique()) return "id";
    return "numeric";
  }
  if (values === "boolean") return "boolean";
  if (values === "empty") { warnings.push(`column \`${name}\` has no values`); return "categorical"; }
  if ((idByName || rows >= MIN_ROWS_FOR_UNIQUE_ID) && unique()) return "id";
  const [, numbers, , , texts] = facts.counts;
  if (values === "string" && numbers > texts) {
    const textRows = rowsNotOf(facts, [Cell.Missing, Cell.Number]);
    warnings.push(`column \`${name}\` looks numeric but data rows ${listSome(textRows)} hold text (${sampleValues(table, name, textRows)}), ` +
      `so it is treated as categorical; list those markers in options.na, or declare the column numeric`);
  }
  return "categorical";
}

/** Check a declared type against the values; throws a DataError naming the rows that contradict it. */
function checkDeclared(name: string, type: FeatureType, facts: ColumnFacts, table: ColumnTable): void {
  if (type === "numeric") {
    const bad = rowsNotOf(facts, [Cell.Missing, Cell.Number]);
    if (bad.length) {
      const get = table.getter(name);
      const markers = [...new Set([...DEFAULT_NA, ...bad.slice(0, 1000).map((r) => cellLabel(get(r - 1)))])].slice(0, 8);
      throw contradiction(table, name, "numeric", bad, "text", `If these mean "missing", say so with options.na, e.g. na: ${JSON.stringify(markers)}; otherwise fix them.`);
    }
  } else if (type === "boolean") {
    const bad = rowsNotOf(facts, [Cell.Missing, Cell.Boolean]).filter((r) => {
      const v = cellLabel(table.get(name, r - 1));
      return v !== "0" && v !== "1";
    });
    if (bad.length) throw contradiction(table, name, "boolean", bad, "values other than true/false/1/0", "Declare it categorical instead.");
  }
}

function levelsOf(facts: ColumnFacts): string[] | undefined {
  if (facts.distinctCount() > MAX_LEVELS) return undefined;
  return [...facts.distinct()].map(String).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

/**
 * The schema of `table`: a feature type per column (declared in `options.types`, else inferred
 * from every value), missing counts, and the target. Throws a DataError when a declaration or the
 * target does not fit the data.
 */
export function inferSchema(table: ColumnTable, options: SchemaOptions = {}): Schema {
  const na = new Set(options.na ?? DEFAULT_NA);
  // a Map: column names are data (`constructor`, `__proto__` must not find Object's own properties)
  const declared = new Map(Object.entries(options.types ?? {}));
  const rows = table.numRows();
  const warnings: string[] = [];
  requireColumns(table, [...declared.keys()], "options.types names");
  for (const [name, type] of declared) {
    if (!TYPES.includes(type)) throw new DataError(`options.types gives column \`${name}\` the unknown type \`${type}\`; use ${TYPES.join(", ")}`, { kind: "type", column: name });
  }
  if (options.target !== undefined) requireTarget(table, options.target);

  const columns: ColumnSchema[] = table.columnNames().map((name) => {
    const facts = gather(table, name, na);
    let type: FeatureType;
    if (name === options.target) type = "target";
    else if (declared.has(name)) { type = declared.get(name)!; checkDeclared(name, type, facts, table); }
    else type = inferType(name, facts, rows, table, warnings);
    const values: ValueKind = type === "categorical" ? (facts.counts[Cell.Missing] === rows ? "empty" : "string")
      : type === "numeric" ? (facts.counts[Cell.Missing] === rows ? "empty" : "number")
      : type === "boolean" ? "boolean" : valueKind(facts);
    const col = { name, type, values, missing: facts.counts[Cell.Missing] } as ColumnSchema;
    // counted when first read (a typed column sorts a copy of itself for it), then kept; enumerable, so it serialises
    let distinct: number | undefined;
    Object.defineProperty(col, "distinct", { enumerable: true, configurable: true, get: () => (distinct ??= facts.distinctCount()) });
    const categoricalTarget = type === "target" && (values === "string" || values === "boolean");
    if (type === "categorical" || type === "boolean" || categoricalTarget) {
      const levels = levelsOf(facts);
      if (levels) col.levels = levels;
    }
    return col;
  });

  const features = columns.filter((c) => c.type === "numeric" || c.type === "categorical" || c.type === "boolean").map((c) => c.name);
  const schema: Schema = { rows, columns, features, warnings };
  if (options.target !== undefined) schema.target = options.target;
  return schema;
}
