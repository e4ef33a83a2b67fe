// One pass of the CSV/TSV parser over bytes: records split into fields (a quote is special only at the
// start of a field, `""` inside quotes is a quote, CRLF, LF or CR end a record), each field stored by
// its column's mode: parsed straight into a Float64Array, decoded to a string, or skipped. Also counts
// fields per record, blank lines and line numbers (from 1), so that delimited.ts can refuse a ragged
// file with the same messages the text check gave.
import type { ChunkSource } from "./byte-chunks";
import { DataError } from "./errors";

export const Mode = { Text: 0, Number: 1, Skip: 2 } as const;
export type Mode = (typeof Mode)[keyof typeof Mode];

export interface ScanOptions {
  delimiter: number;
  /** missing-value markers (an empty field is always missing) */
  na: ReadonlySet<string>;
  /** per column; null: every column is Text (the header decides how many) */
  modes: Uint8Array | null;
  /** stop after this many data records (the sample pass) */
  maxRecords?: number;
  /** rows to allocate for Number columns up front */
  capacity?: number;
}

export interface Scan {
  header: string[];
  headerLine: number;
  records: number;
  /** bytes read up to the end of the last record kept (to estimate bytes per record) */
  bytes: number;
  numbers: (Float64Array | null)[];
  texts: ((string | null)[] | null)[];
  /** Number columns that met a cell that is neither a number nor missing, with its 1-based data row */
  failedAt: Int32Array;
  /** 1-based lines of blank lines followed by more records */
  blankLines: number[];
  /** records whose field count differs from the header's */
  ragged: Array<{ line: number; fields: number }>;
  /** whether the pass stopped at maxRecords */
  truncated: boolean;
}

const QUOTE = 34, LF = 10, CR = 13;
const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const utf8 = new TextDecoder("utf-8");

/** Field bytes as a string (`""` → `"` when `escaped`). */
function decode(b: Uint8Array, s: number, e: number, escaped: boolean): string {
  let ascii = e - s <= 256;
  for (let i = s; ascii && i < e; i++) if (b[i] >= 0x80) ascii = false;
  const text = ascii ? String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]) : utf8.decode(b.subarray(s, e));
  return escaped ? text.replace(/""/g, '"') : text;
}

/**
 * Stores the number in b[s, e) at out[row] (NaN when the field is missing) and returns true, or returns
 * false when it is text. Exact: the fast path takes at most 15 digits and a power of ten up to 22 (both
 * exact doubles, so one correctly rounded multiply or divide, Clinger's fast path); anything else goes
 * through the string and `+`. It stores rather than returns the number: a double returned from a call
 * V8 does not inline is boxed, one heap number per cell for the collector to find.
 */
function storeNumber(b: Uint8Array, s: number, e: number, escaped: boolean, na: ReadonlySet<string>, numericNa: boolean, out: Float64Array, row: number): boolean {
  if (s === e) { out[row] = NaN; return true; }
  if (!numericNa && !escaped) {
    let i = s, neg = false;
    const c0 = b[i];
    if (c0 === 45 || c0 === 43) { neg = c0 === 45; i++; }
    let m = 0, digits = 0, frac = 0, any = false;
    while (i < e) { const d = b[i] - 48; if (d < 0 || d > 9) break; m = m * 10 + d; if (m !== 0) digits++; any = true; i++; }
    if (i < e && b[i] === 46) {
      i++;
      while (i < e) { const d = b[i] - 48; if (d < 0 || d > 9) break; m = m * 10 + d; if (m !== 0) digits++; frac++; any = true; i++; }
    }
    let exp = 0, expOk = true;
    if (any && i < e && (b[i] === 101 || b[i] === 69)) {
      i++;
      let eneg = false;
      if (i < e && (b[i] === 45 || b[i] === 43)) { eneg = b[i] === 45; i++; }
      const from = i;
      while (i < e) { const d = b[i] - 48; if (d < 0 || d > 9) break; if (exp < 1e6) exp = exp * 10 + d; i++; }
      if (i === from) expOk = false;
      if (eneg) exp = -exp;
    }
    if (any && expOk && i === e && digits <= 15) {
      const p = exp - frac;
      const x = p >= 0 ? (p <= 22 ? m * POW10[p] : NaN) : (p >= -22 ? m / POW10[-p] : NaN);
      if (x === x) { out[row] = neg ? -x : x; return true; }
    }
  }
  const text = decode(b, s, e, escaped);
  if (na.has(text) || na.has(text.trim())) { out[row] = NaN; return true; }
  if (!NUMERIC.test(text)) return false;
  out[row] = +text;
  return true;
}

function isBlank(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c >= 0x80) return decode(b, s, e, false).trim() === "";
    if (c !== 32 && c !== 9 && c !== 11 && c !== 12) return false;
  }
  return true;
}

// Between chunks the scan lets the event loop run (Node's setImmediate; a browser's source is one chunk), so
// that work started before it (a model's wasm compiling, files being read) goes on while a big file parses.
const pause: () => Promise<void> = typeof setImmediate === "function"
  ? () => new Promise((resolve) => setImmediate(resolve))
  : () => Promise.resolve();

/** One pass over `source`. Throws a DataError for a quote never closed. */
export async function scanDelimited(source: ChunkSource, options: ScanOptions): Promise<Scan> {
  const { delimiter: delim, na, maxRecords = Infinity } = options;
  let numericNa = false;
  for (const m of na) if (m !== "" && NUMERIC.test(m)) numericNa = true;
  const read = source.open();
  let buf: Uint8Array = read() ?? new Uint8Array(0);
  let len = buf.length, final = false, consumed = 0;
  let pos = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;

  let header: string[] | null = null, headerLine = 1, width = 0;
  let modes = options.modes;
  let numbers: (Float64Array | null)[] = [], texts: ((string | null)[] | null)[] = [];
  let failedAt = new Int32Array(0);
  let cap = 0;
  let records = 0, line = 1, endOfLast = 0;
  const blankLines: number[] = [], pendingBlank: number[] = [];
  const ragged: Array<{ line: number; fields: number }> = [];
  const names: string[] = [];

  const setup = (hdr: string[]) => {
    header = hdr; width = hdr.length;
    modes ??= new Uint8Array(width).fill(Mode.Text);
    cap = Math.max(16, Math.min(options.capacity ?? 1024, 1 << 30));
    numbers = Array.from({ length: width }, (_, j) => (modes![j] === Mode.Number ? new Float64Array(cap).fill(NaN) : null));
    texts = Array.from({ length: width }, (_, j) => (modes![j] === Mode.Text ? [] : null));
    failedAt = new Int32Array(width);
  };
  const grow = () => {
    const next = Math.ceil(cap * 1.5) + 1024;
    numbers = numbers.map((col) => {
      if (col === null) return null;
      const out = new Float64Array(next).fill(NaN, cap);
      out.set(col);
      return out;
    });
    cap = next;
  };

  // Parses the record at `pos`; returns its end, or -1 when the buffer ends inside it (more bytes needed).
  // hot loop: byte by byte, fields handled in place, nothing allocated for Number and Skip columns
  const record = (): number => {
    // the scan's state in locals: the closure's own variables live in its context, read from memory at every use
    const b = buf, n = len, fin = final, mds = modes!, nums = numbers, txts = texts, failed = failedAt, w = width;
    let i = pos;
    const startLine = line;
    const row = records; // 0-based data row, if this is a data record
    const isHeader = header === null;
    if (isHeader) names.length = 0;
    let fields = 0;
    for (;;) {
      const j = fields;
      const mode = isHeader ? Mode.Text : j < w ? mds[j] : Mode.Skip;
      let s = i, e = i, escaped = false, quoted = false, after = "";
      if (i < n && b[i] === QUOTE) {
        // quoted field: up to a quote not followed by another quote
        quoted = true;
        const openLine = line;
        let k = i + 1;
        for (;;) {
          if (k >= n) {
            if (!fin) { line = startLine; return -1; }
            throw new DataError(`line ${openLine} opens a quoted field that is never closed`, { kind: "unterminated-quote", line: openLine });
          }
          const c = b[k];
          if (c === QUOTE) {
            if (k + 1 >= n && !fin) { line = startLine; return -1; }
            if (b[k + 1] === QUOTE) { escaped = true; k += 2; continue; }
            break;
          }
          if (c === LF) line++;
          else if (c === CR) {
            if (k + 1 >= n && !fin) { line = startLine; return -1; }
            if (b[k + 1] !== LF) line++;
          }
          k++;
        }
        s = i + 1; e = k; i = k + 1;
      }
      // unquoted text up to the next separator (after a closing quote it is dropped, but kept in header names)
      const from = i;
      while (i < n) {
        const c = b[i];
        if (c === delim || c === LF || c === CR) break;
        i++;
      }
      if (i >= n && !fin) { line = startLine; return -1; }
      if (quoted) { if (isHeader && i > from) after = decode(b, from, i, false); }
      else { s = from; e = i; }
      if (j === 0 && !quoted && (i >= n || b[i] !== delim) && isBlank(b, s, e)) {
        // a blank line: dropped, and worth a warning only if records follow it
        if (i < n) {
          if (b[i] === CR) {
            if (i + 1 >= n && !fin) { line = startLine; return -1; }
            if (b[i + 1] === LF) i++;
          }
          i++; line++;
        }
        pendingBlank.push(startLine);
        return i;
      }
      // store the field
      if (isHeader) names.push((s < e || quoted ? decode(b, s, e, escaped) : "") + after);
      else if (mode === Mode.Number) {
        if (failed[j] === 0) {
          if (!storeNumber(b, s, e, escaped, na, numericNa, nums[j]!, row)) failed[j] = row + 1;
        }
      } else if (mode === Mode.Text) {
        txts[j]![row] = s === e ? null : decode(b, s, e, escaped);
      }
      fields++;
      if (i >= n) break; // end of input (fin)
      const c = b[i++];
      if (c === delim) continue;
      if (c === CR) {
        if (i >= n && !fin) { line = startLine; return -1; }
        if (b[i] === LF) i++;
      }
      line++;
      break;
    }
    if (pendingBlank.length) { blankLines.push(...pendingBlank); pendingBlank.length = 0; }
    if (isHeader) { headerLine = startLine; setup(names.slice()); return i; }
    if (fields !== w) {
      ragged.push({ line: startLine, fields });
      // fields the short record lacks are missing
      for (let j = fields; j < w; j++) if (txts[j]) txts[j]![row] = null;
    }
    records++;
    return i;
  };

  while (records < maxRecords) {
    if (pos >= len) {
      if (final) break;
      await pause();
      const next = read();
      consumed += pos;
      if (next === null) { final = true; buf = buf.subarray(pos); len = buf.length; pos = 0; if (len === 0) break; continue; }
      buf = pos < len ? concat(buf.subarray(pos), next) : next;
      len = buf.length; pos = 0;
      continue;
    }
    if (header !== null && records >= cap) grow();
    const end = record();
    if (end < 0) {
      // the record runs past the buffer: keep its start, append the next chunk, parse it again
      await pause();
      const next = read();
      consumed += pos;
      if (next === null) final = true;
      buf = next === null ? buf.subarray(pos) : concat(buf.subarray(pos), next);
      len = buf.length; pos = 0;
      continue;
    }
    pos = end;
    endOfLast = consumed + pos;
  }

  if (header === null) throw new DataError("empty file", { kind: "empty" });
  return {
    header, headerLine, records, bytes: endOfLast, numbers, texts, failedAt, blankLines, ragged,
    truncated: records >= maxRecords,
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
