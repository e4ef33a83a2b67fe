// Arrow IPC and Parquet bytes → arquero tables, with errors that say what is wrong with the file.
// Numeric Arrow columns become NumericColumns with one typed copy (or none: a single float64 batch
// without nulls is used as it is); Parquet is decoded one row group at a time, each from a small file of
// its own, so that WebAssembly memory holds one group and neither the whole table nor the whole file.
// Every decoded table is checked (arrow-check.ts).
import type { ColumnTable } from "arquero";
import { tableFromIPC } from "@uwdata/flechette";
import { decodeIPC } from "@uwdata/flechette/src/decode/decode-ipc.js";
import type { Column, Table } from "@uwdata/flechette";
import { checkArrowBounds } from "./arrow-bounds";
import { checkArrowTable, checkFooterAgrees } from "./arrow-check";
import { DataError } from "./errors";
import { columnTable, NumericColumn } from "./numeric-column";
import type { TableColumn } from "./numeric-column";
import { copyFfiGroup, type FfiStream } from "./parquet-ffi";
import { parquetRows } from "./parquet-footer";
import { groupFiles, type GroupFiles } from "./parquet-group-file";
import { parquetWasm, type ParquetModule } from "./parquet-wasm";
import type { ByteRanges } from "./byte-chunks";

const PAR1 = [0x50, 0x41, 0x52, 0x31];
const ARROW1 = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31];
const INT = 2, FLOAT = 3, HALF = 0;
/** Rows of the first group decoded through IPC to learn the columns, when the rest may go through FFI. */
const PROBE_ROWS = 1024;

function endsWith(bytes: Uint8Array, tail: number[], at: number): boolean {
  return tail.every((b, k) => bytes[at + k] === b);
}

function reason(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/^Parquet error:\s*/i, "");
}

/** Whether an Arrow column is plain numbers (ints and floats; not dates, decimals or float16). */
function isNumeric(col: Column<unknown>): boolean {
  const t = col.type as { typeId: number; precision?: number };
  return t.typeId === INT || (t.typeId === FLOAT && t.precision !== HALF);
}

/**
 * The column's numbers into `out` from row `at` (NaN for null): typed copies batch by batch, never a
 * per-cell `at()`. Returns the array itself instead when it is one float64 batch without nulls.
 */
function copyNumbers(col: Column<unknown>, out: Float64Array | null, at: number): Float64Array {
  const batches = col.data as unknown as Array<{ length: number; nullCount: number; validity?: Uint8Array; values: ArrayLike<number | bigint> & { subarray(a: number, b: number): ArrayLike<number | bigint> } }>;
  if (out === null && batches.length === 1 && batches[0].values instanceof Float64Array && batches[0].nullCount === 0) {
    return batches[0].values.subarray(0, batches[0].length) as Float64Array;
  }
  const dest = out ?? new Float64Array(col.length);
  let r = at;
  for (const b of batches) {
    const n = b.length, v = b.values;
    if (v instanceof BigInt64Array || v instanceof BigUint64Array) for (let i = 0; i < n; i++) dest[r + i] = Number(v[i]);
    else dest.set(v.subarray(0, n) as ArrayLike<number>, r);
    if (b.nullCount > 0 && b.validity && b.validity.length > 0) {
      const bits = b.validity;
      for (let i = 0; i < n; i++) if (((bits[i >> 3] >> (i & 7)) & 1) === 0) dest[r + i] = NaN;
    }
    r += n;
  }
  return dest;
}

function decodeArrow(bytes: Uint8Array): Table {
  checkArrowBounds(bytes);
  try {
    const table = tableFromIPC(bytes, { useDate: true });
    if (bytes.length >= 16 && endsWith(bytes, ARROW1, 0)) {
      // the file format indexes the stream from a footer: both must say the same
      if (!endsWith(bytes, ARROW1, bytes.length - 6)) throw new DataError("truncated Arrow file: it does not end with the `ARROW1` marker", { kind: "invalid-arrow" });
      const footer = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(bytes.length - 10, true);
      const end = bytes.length - 10 - footer;
      if (!(footer > 0 && end >= 8)) throw new DataError("damaged Arrow file: its footer length is out of range", { kind: "invalid-arrow" });
      checkFooterAgrees(table, decodeIPC(bytes.subarray(8, end)));
    }
    return table;
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(`not a readable Arrow IPC file or stream (truncated or another format?): ${reason(e)}`, { kind: "invalid-arrow" });
  }
}

/** The cells of a non-numeric column, appended to `out`; a value flechette cannot convert is a damaged file. */
function readCells(col: Iterable<unknown>, name: string, out: unknown[]): unknown[] {
  try {
    for (const v of col) out.push(v);
  } catch (e) {
    throw new DataError(`damaged Arrow data: column \`${name}\` holds a value that cannot be read (${reason(e)})`, { kind: "invalid-arrow" });
  }
  return out;
}

/** An arquero table over a checked Arrow table: numeric columns typed, the rest as arquero reads them. */
function toTable(arrow: Table): ColumnTable {
  const names = arrow.schema.fields.map((f) => f.name);
  // flechette's own columns, not arquero's fromArrow (which keys its columns by name in a plain object)
  const columns: TableColumn[] = arrow.children.map((col, j) =>
    isNumeric(col) ? new NumericColumn(copyNumbers(col, null, 0)) : readCells(col as Iterable<unknown>, names[j], []));
  return columnTable(names, columns);
}

export function parseArrow(bytes: Uint8Array): ColumnTable {
  if (bytes.length === 0) throw new DataError("empty file", { kind: "empty" });
  const arrow = decodeArrow(bytes);
  checkArrowTable(arrow);
  if (arrow.schema.fields.length === 0) throw new DataError("the Arrow data holds no columns", { kind: "invalid-arrow" });
  return toTable(arrow);
}

/**
 * Parquet, one row group at a time. parquet-wasm's synchronous reader is used: its Blob reader (which
 * would not need the bytes in memory) runs in promise callbacks, where a panic on a damaged file is
 * thrown outside any caller's reach and never settles the read.
 */
export async function parseParquet(bytes: Uint8Array): Promise<ColumnTable> {
  if (bytes.length === 0) throw new DataError("empty file", { kind: "empty" });
  // a Parquet file starts and ends with PAR1; a missing tail is the usual sign of a cut-off download
  if (bytes.length < 12 || !endsWith(bytes, PAR1, 0)) {
    throw new DataError("not a Parquet file: it does not start with the `PAR1` marker", { kind: "invalid-parquet" });
  }
  if (!endsWith(bytes, PAR1, bytes.length - 4)) {
    throw new DataError(`truncated Parquet file: the ${bytes.length} bytes do not end with the \`PAR1\` footer marker`, { kind: "invalid-parquet" });
  }
  const pw = await parquetWasm();
  // the footer: row groups and their row counts, which every decoded group must match
  let groups: number[];
  let total: number;
  try {
    ({ rows: total, groups } = parquetRows(bytes));
  } catch (e) {
    return unreadableParquet(e);
  }
  const memory = pw.wasmMemory() as WebAssembly.Memory;
  // each group from a small file of its own; when that fails, or the footer is not one it splits, the
  // whole file as before, whose errors are the ones reported
  let split: GroupFiles | null = null;
  try { split = groupFiles(bytes); } catch { split = null; }
  const table = split && readSplit(pw, split, groups, total);
  if (table) return table;
  return readGroups((g) => pw.readParquet(bytes, { rowGroups: [g] }).intoIPCStream(), groups, total, unreadableParquet,
    { memory, read: (g: number) => pw.readParquet(bytes, { rowGroups: [g] }).intoFFI() as FfiStream });
}

/**
 * Parquet from a file read by position (Node: `crossexam predict`, `loadTable(path)`): only the footer and,
 * group by group, each group's chunks are read, so neither JavaScript nor WebAssembly memory ever holds the
 * whole file. Anything unusual (markers, a footer this does not split, a group that fails) reads the whole
 * file (`whole`) through parseParquet, whose checks and messages are the ones reported.
 */
export async function parseParquetFile(file: ByteRanges, whole: () => Uint8Array): Promise<ColumnTable> {
  const fallback = () => parseParquet(whole());
  const n = file.size;
  if (n < 12) return fallback();
  const head = new Uint8Array(4), tail = new Uint8Array(8);
  file.copy(0, 4, head, 0);
  file.copy(n - 8, 8, tail, 0);
  if (!endsWith(head, PAR1, 0) || !endsWith(tail, PAR1, 4)) return fallback();
  const length = tail[0] | (tail[1] << 8) | (tail[2] << 16) | (tail[3] << 24);
  if (!(length > 0 && n - 8 - length >= 4)) return fallback();
  // the footer as a file of its own (PAR1, footer, length, PAR1), which is all parquetRows reads
  const footer = new Uint8Array(length + 12);
  footer.set(head, 0);
  file.copy(n - 8 - length, length, footer, 4);
  footer.set(tail, length + 4);
  let groups: number[], total: number;
  try {
    ({ rows: total, groups } = parquetRows(footer));
  } catch {
    return fallback();
  }
  const pw = await parquetWasm();
  let split: GroupFiles | null = null;
  try { split = groupFiles(file); } catch { split = null; }
  return (split && readSplit(pw, split, groups, total)) ?? fallback();
}

/** A refusal of a damaged Parquet file, with the decoder's reason. */
function unreadableParquet(e: unknown): never {
  if (e instanceof DataError) throw new DataError(`unreadable Parquet file: ${e.message.replace(/^damaged Arrow data: /, "")}`, { kind: "invalid-parquet" });
  throw new DataError(`unreadable Parquet file: ${reason(e)}`, { kind: "invalid-parquet" });
}

/**
 * The table read from each group's small file (parquet-group-file.ts: WebAssembly memory then holds one
 * group's bytes, not the whole file), or null when the split does not match the footer or any read fails.
 */
function readSplit(pw: ParquetModule, split: GroupFiles, groups: number[], total: number): ColumnTable | null {
  if (split.groups !== groups.length || groups.length === 0) return null;
  try {
    return readGroups((g) => pw.readParquet(split.file(g)).intoIPCStream(), groups, total, unreadableParquet, {
      memory: pw.wasmMemory() as WebAssembly.Memory,
      read: (g) => pw.readParquet(split.file(g)).intoFFI() as FfiStream,
      probe: () => pw.readParquet(split.file(0), { limit: PROBE_ROWS, batchSize: PROBE_ROWS }).intoIPCStream(),
    });
  } catch {
    return null;
  }
}

/**
 * The row groups decoded in turn into typed columns (numbers) and arrays (the rest), each checked. The first
 * goes through Arrow IPC and every check; when all its columns are numbers, the others are copied straight
 * from the decoder's memory (`ffi`), each checked for the same columns, types and row count (else through IPC).
 * With `ffi.probe` (the first group's first rows through IPC), only those rows go through IPC and, when
 * they are all numbers, the first group too is copied through FFI: a whole group's IPC bytes took more
 * WebAssembly memory than anything else once each group is read from a small file of its own.
 */
function readGroups(
  read: (group: number) => Uint8Array, groups: number[], total: number, unreadable: (e: unknown) => never,
  ffi?: { memory: WebAssembly.Memory; read: (group: number) => FfiStream; probe?: () => Uint8Array },
): ColumnTable {
  if (groups.reduce((s, x) => s + x, 0) !== total) {
    unreadable(new Error(`the footer says ${total} rows but its row groups hold ${groups.reduce((s, x) => s + x, 0)}`));
  }
  let names: string[] | null = null;
  let numeric: boolean[] = [];
  let numbers: (Float64Array | null)[] = [];
  let others: unknown[][] = [];
  let at = 0;
  const readGroup = (g: number): Table => {
    try {
      const arrow = decodeArrow(read(g));
      checkArrowTable(arrow);
      return arrow;
    } catch (e) {
      return unreadable(e);
    }
  };
  if (groups.length === 0) throw new DataError("unreadable Parquet file: it holds no row groups (no rows)", { kind: "no-rows" });
  if (ffi?.probe) {
    let probe: Table;
    try {
      probe = decodeArrow(ffi.probe());
      checkArrowTable(probe);
    } catch (e) {
      return unreadable(e);
    }
    names = probe.schema.fields.map((f) => f.name);
    numeric = probe.children.map(isNumeric);
    numbers = numeric.map((isNum) => (isNum ? new Float64Array(total) : null));
    others = numeric.map(() => []);
  }
  for (let g = 0; g < groups.length; g++) {
    if ((g > 0 || names !== null) && ffi && numeric.every(Boolean)) {
      let copied: number | string;
      try {
        copied = copyFfiGroup(ffi.memory, ffi.read(g), names!, numbers as Float64Array[], at);
      } catch (e) {
        return unreadable(e);
      }
      if (typeof copied === "number") {
        if (copied !== groups[g]) unreadable(new Error(`row group ${g + 1} decodes to ${copied} rows, the footer says ${groups[g]}`));
        at += copied;
        continue;
      }
      // not plain numbers after all: IPC and its checks say what is wrong, or read it
    }
    const arrow = readGroup(g);
    const rows = arrow.numRows;
    if (rows !== groups[g]) unreadable(new Error(`row group ${g + 1} decodes to ${rows} rows, the footer says ${groups[g]}`));
    const here = arrow.schema.fields.map((f) => f.name);
    if (names === null) {
      names = here;
      numeric = arrow.children.map(isNumeric);
      numbers = numeric.map((isNum) => (isNum ? new Float64Array(Math.max(total, rows)) : null));
      others = numeric.map(() => []);
    } else if (here.join("\u0000") !== names.join("\u0000")) {
      unreadable(new Error(`row group ${g + 1} has other columns than row group 1`));
    }
    arrow.children.forEach((col, j) => {
      if (numeric[j] && isNumeric(col)) copyNumbers(col, numbers[j], at);
      else if (numeric[j]) unreadable(new Error(`column \`${names![j]}\` changes type in row group ${g + 1}`));
      else {
        try { readCells(col, names![j], others[j]); } catch (e) { unreadable(e); }
      }
    });
    at += rows;
  }
  if (at !== total) unreadable(new Error(`the row groups decode to ${at} rows, the footer says ${total}`));
  if (names === null || names.length === 0) throw new DataError("unreadable Parquet file: it holds no columns", { kind: "invalid-parquet" });
  const columns: TableColumn[] = names.map((_, j) => (numeric[j] ? new NumericColumn(numbers[j]!.subarray(0, at)) : others[j]));
  return columnTable(names, columns);
}
