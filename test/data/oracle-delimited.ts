// The CSV check crossexam used before its own parser (kept as the oracle of test/data/csv-parser.test.ts): arquero silently pads or drops
// fields on ragged lines, so we count fields per record (respecting quotes, as arquero does:
// a quote is special only at the start of a field) and say which line is wrong.
import { DataError } from "../../src/data/errors";
import { checkDelimitedShape } from "../../src/data/parse-delimited";

export interface DelimitedShape {
  /** header names, unquoted */
  header: string[];
  /** data records (blank lines excluded) */
  records: number;
  /** [start, end) character ranges of blank lines, to drop before parsing */
  blank: Array<[number, number]>;
  /** 1-based line numbers of blank lines before the last record (worth a warning) */
  blankLines: number[];
}

const QUOTE = 34, LF = 10, CR = 13;

/** Check that every record has as many fields as the header; throws a DataError naming the line. */
export function checkDelimited(text: string, delimiter: string): DelimitedShape {
  if (text.trim() === "") throw new DataError("empty file", { kind: "empty" });
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  const lastContent = text.trimEnd().length;
  let i = 0;
  let line = 1;
  let header: string[] | null = null;
  let headerLine = 1;
  let records = 0;
  const blank: Array<[number, number]> = [];
  const blankLines: number[] = [];
  const ragged: Array<{ line: number; fields: number }> = [];

  // hot loop: one pass over the characters; field text is only kept for the header
  while (i < n) {
    const start = i, startLine = line;
    const keep = header === null;
    const names: string[] = [];
    let fields = 0;
    let onlySpace = true;
    for (;;) {
      let value = "";
      if (i < n && text.charCodeAt(i) === QUOTE) {
        // quoted field: runs to a quote not followed by another quote
        const openLine = line;
        let j = i + 1;
        for (;;) {
          if (j >= n) throw new DataError(`line ${openLine} opens a quoted field that is never closed`, { kind: "unterminated-quote", line: openLine });
          const c = text.charCodeAt(j);
          if (c === QUOTE) {
            if (text.charCodeAt(j + 1) === QUOTE) { j += 2; continue; }
            break;
          }
          if (c === LF || (c === CR && text.charCodeAt(j + 1) !== LF)) line++;
          j++;
        }
        if (keep) value = text.slice(i + 1, j).replace(/""/g, '"');
        onlySpace = false;
        i = j + 1;
      }
      // unquoted text up to the next separator (after a closing quote, arquero drops it; we count alike)
      const from = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === delim || c === LF || c === CR) break;
        i++;
      }
      if (i > from) {
        if (keep) value += text.slice(from, i);
        if (onlySpace && text.slice(from, i).trim() !== "") onlySpace = false;
      }
      fields++;
      if (keep) names.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i++);
      if (c === delim) { onlySpace = false; continue; }
      if (c === CR && text.charCodeAt(i) === LF) i++;
      line++;
      break;
    }

    if (fields === 1 && onlySpace) {
      // a blank line: dropped before parsing (arquero would make it a row of nulls); reported unless trailing
      blank.push([start, i]);
      if (i < lastContent) blankLines.push(startLine);
      continue;
    }
    if (header === null) { header = names; headerLine = startLine; continue; }
    records++;
    if (fields !== header.length) ragged.push({ line: startLine, fields });
  }

  if (header === null) throw new DataError("empty file", { kind: "empty" });
  // the messages are crossexam's own (shared, so that they cannot drift); the counting above is the oracle's
  checkDelimitedShape({ header, headerLine, records, ragged });
  return { header, records, blank, blankLines };
}

/** The text without the given [start, end) ranges. */
export function dropRanges(text: string, ranges: ReadonlyArray<[number, number]>): string {
  if (ranges.length === 0) return text;
  let out = "", at = 0;
  for (const [s, e] of ranges) { out += text.slice(at, s); at = e; }
  return out + text.slice(at);
}
