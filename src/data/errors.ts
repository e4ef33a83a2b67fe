// The one error type of src/data: a message a user can act on, plus structured fields
// so the notebook can highlight the line, rows or column at fault.

export type DataErrorKind =
  | "read"               // the source could not be read (no such file, HTTP error)
  | "unsupported-format" // extension or format we do not parse
  | "empty"              // no bytes / no text at all
  | "no-rows"            // a header but no data rows
  | "ragged"             // a line with more or fewer fields than the header
  | "unterminated-quote" // a quoted field that never closes
  | "duplicate-column"   // two columns with one name
  | "invalid-json"       // JSON syntax error
  | "json-shape"         // valid JSON that is not rows or columns
  | "invalid-arrow"      // bytes that are not Arrow IPC
  | "invalid-parquet"    // bytes that are not (or no longer) a Parquet file
  | "type"               // values that do not fit the column's declared type
  | "missing-column";    // a required column is absent

export interface DataErrorDetails {
  kind: DataErrorKind;
  /** 1-based line of the file, for text formats */
  line?: number;
  /** 1-based lines of the file, when several are at fault */
  lines?: number[];
  /** 1-based data rows (the first row after the header is 1) */
  rows?: number[];
  column?: string;
}

export class DataError extends Error {
  readonly kind: DataErrorKind;
  readonly line?: number;
  readonly lines?: number[];
  readonly rows?: number[];
  readonly column?: string;

  constructor(message: string, details: DataErrorDetails) {
    super(message);
    this.name = "DataError";
    this.kind = details.kind;
    if (details.line !== undefined) this.line = details.line;
    if (details.lines !== undefined) this.lines = details.lines;
    if (details.rows !== undefined) this.rows = details.rows;
    if (details.column !== undefined) this.column = details.column;
  }
}

/** "3, 17, 20 (and 4 more)": the first few items of a list, for messages. */
export function listSome(items: readonly (string | number)[], shown = 3): string {
  const head = items.slice(0, shown).join(", ");
  return items.length > shown ? `${head} (and ${items.length - shown} more)` : head;
}
