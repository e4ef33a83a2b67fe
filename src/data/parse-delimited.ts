// CSV and TSV bytes → an arquero table: numeric columns parsed straight into Float64Arrays
// (NumericColumn), the others as strings (null where a field is empty). Which columns are numeric is
// decided on the first SAMPLE records; a column the sample calls numeric that meets text further down
// is read again as text in a second pass over the file, so the outcome is the same as reading every
// value as text and inferring from all of them (inferSchema then sees every value, as before).
import type { ChunkSource } from "./byte-chunks";
import { Cell, cellKind } from "./cell-kind";
import { Mode, scanDelimited } from "./csv-scan";
import type { Scan } from "./csv-scan";
import { DataError, listSome } from "./errors";
import { columnTable, NumericColumn } from "./numeric-column";
import type { TableColumn } from "./numeric-column";
import type { ColumnTable } from "arquero";

export interface ParsedText {
  table: ColumnTable;
  warnings: string[];
}

export interface DelimitedOptions {
  na: ReadonlySet<string>;
  /** columns to keep as text whatever they hold (declared categorical or boolean) */
  text?: (name: string) => boolean;
}

/** records read to choose each column's mode */
export const SAMPLE = 1000;

/** What the shape checks read of a pass over the file (a Scan, or the test oracle's own count). */
export type DelimitedShape = Pick<Scan, "header" | "headerLine" | "records" | "ragged">;

/**
 * The file's shape, refused with the line at fault: a ragged record (every ragged line listed), a header
 * naming a column twice, or a header with no data rows. Exported for the test oracle, which counts fields
 * and records its own way and then must refuse with these same messages.
 */
export function checkDelimitedShape(scan: DelimitedShape): void {
  const { header, ragged, headerLine } = scan;
  if (ragged.length > 0) {
    const first = ragged[0];
    const rest = ragged.slice(1).map((r) => r.line);
    const more = rest.length > 0 ? `; ${rest.length} more line${rest.length > 1 ? "s are" : " is"} ragged: ${listSome(rest, 5)}` : "";
    throw new DataError(
      `line ${first.line} has ${first.fields} field${first.fields === 1 ? "" : "s"}, the header has ${header.length}${more}`,
      { kind: "ragged", line: first.line, lines: ragged.map((r) => r.line) });
  }
  const seen = new Map<string, number>();
  header.forEach((name, k) => {
    const before = seen.get(name);
    if (before !== undefined) {
      throw new DataError(`the header names column \`${name}\` twice (fields ${before + 1} and ${k + 1}); rename one`,
        { kind: "duplicate-column", line: headerLine, column: name });
    }
    seen.set(name, k);
  });
  if (scan.records === 0) {
    throw new DataError(`the file has a header (${listSome(header.map((h) => `\`${h}\``), 6)}) but no data rows`, { kind: "no-rows" });
  }
}

/** Numeric unless declared text or the sample holds a cell that is neither a number nor missing. */
function chooseModes(sample: Scan, options: DelimitedOptions): Uint8Array {
  return Uint8Array.from(sample.header, (name, j) => {
    if (options.text?.(name)) return Mode.Text;
    const cells = sample.texts[j]!;
    for (let r = 0; r < sample.records; r++) {
      const k = cellKind(cells[r], options.na);
      if (k !== Cell.Missing && k !== Cell.Number) return Mode.Text;
    }
    return Mode.Number;
  });
}

export async function parseDelimited(source: ChunkSource, delimiter: "," | "\t", options: DelimitedOptions): Promise<ParsedText> {
  const delim = delimiter.charCodeAt(0);
  const sample = await scanDelimited(source, { delimiter: delim, na: options.na, modes: null, maxRecords: SAMPLE });
  const modes = chooseModes(sample, options);
  // size the columns from the sample's bytes per record (they grow if the estimate is short)
  const perRecord = sample.bytes / Math.max(1, sample.records + 1);
  const capacity = sample.truncated && source.size ? Math.ceil((source.size / perRecord) * 1.05) + 1024 : sample.records + 16;
  const scan = sample.truncated || modes.includes(Mode.Number)
    ? await scanDelimited(source, { delimiter: delim, na: options.na, modes, capacity })
    : sample;
  checkDelimitedShape(scan);
  const n = scan.records;

  // the second pass: columns the sample took for numbers but that hold text further down
  const failed = Array.from(scan.failedAt, (at) => at > 0);
  let again: Scan | undefined;
  if (failed.includes(true)) {
    const textModes = Uint8Array.from(failed, (f) => (f ? Mode.Text : Mode.Skip));
    again = await scanDelimited(source, { delimiter: delim, na: options.na, modes: textModes });
  }
  const columns: TableColumn[] = scan.header.map((_, j) => {
    if (failed[j]) return again!.texts[j]!;
    const values = scan.numbers[j];
    if (values) {
      // a short estimate grew the array; a long one leaves slack worth giving back
      return new NumericColumn(values.length - n > n / 8 ? values.slice(0, n) : values.subarray(0, n));
    }
    return scan.texts[j]!;
  });

  const warnings: string[] = [];
  const lines = scan.blankLines;
  if (lines.length > 0) {
    warnings.push(`skipped ${lines.length} blank line${lines.length > 1 ? "s" : ""} (line ${lines.slice(0, 5).join(", ")}${lines.length > 5 ? ", …" : ""})`);
  }
  return { table: columnTable(scan.header, columns), warnings };
}
