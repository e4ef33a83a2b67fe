// One row group of a Parquet file as a small Parquet file of its own: "PAR1", the group's column-chunk
// bytes, a footer rewritten for that group alone, its length, "PAR1". parquet-wasm copies the whole
// input into its WebAssembly memory on every read (and that memory never shrinks), so decoding group by
// group from the whole file kept a copy of the whole file there; from these files it holds one group.
// Only footers this understands are split: encryption, chunks in other files, chunks that overlap or lie
// outside the file, or a field it does not know give null, and the caller reads the whole file as before.
import { readStruct, T, writeStruct } from "./parquet-thrift";
import type { TField, TList, TStruct, TValue } from "./parquet-thrift";
import { memoryRanges, type ByteRanges } from "./byte-chunks";

/** FileMetaData fields kept as they are (2 schema, 5 key_value_metadata with ARROW:schema, 6, 7). */
const FILE_KEPT = new Set([1, 2, 5, 6, 7]);
/** RowGroup: 1 columns, 2 total_byte_size, 3 num_rows, 4 sorting_columns, 5 file_offset, 6 total_compressed_size, 7 ordinal. */
const GROUP_KNOWN = new Set([1, 2, 3, 4, 5, 6, 7]);
/** ColumnChunk: 2 file_offset, 3 meta_data, 4–7 page index (dropped: their bytes are not copied); 1 file_path, 8, 9 encryption. */
const CHUNK_KNOWN = new Set([2, 3, 4, 5, 6, 7]);
/** ColumnMetaData fields up to 17 (geospatial statistics); 14–15 bloom filter are dropped (not copied). */
const META_MAX = 17;

interface Chunk { start: bigint; length: bigint; chunk: TStruct; meta: TStruct }
interface Group { rows: bigint; group: TStruct; chunks: Chunk[] }

/** The plan of a file that can be split: its footer's parts and each group's chunks. */
export interface GroupFiles {
  groups: number;
  /**
   * The small Parquet file of group g (0-based), written into one buffer that every call reuses (a fresh
   * one per group left a file's worth of garbage for the collector): valid until the next call.
   */
  file(g: number): Uint8Array;
}

const field = (s: TStruct, id: number): TField | undefined => s.fields.find((f) => f.id === id);
const i64 = (s: TStruct, id: number): bigint | undefined => {
  const f = field(s, id);
  return f && f.type === T.I64 ? (f.value as bigint) : undefined;
};
const structs = (v: TValue | undefined): TStruct[] | null => {
  const l = v as TList | undefined;
  if (!l || l.kind !== "list" || l.elem !== T.STRUCT) return null;
  return l.items as TStruct[];
};

function readGroup(g: TStruct, fileEnd: bigint): Group | null {
  if (g.fields.some((f) => !GROUP_KNOWN.has(f.id))) return null;
  const rows = i64(g, 3);
  const columns = structs(field(g, 1)?.value);
  if (rows === undefined || columns === null || columns.length === 0) return null;
  const chunks: Chunk[] = [];
  for (const chunk of columns) {
    if (chunk.fields.some((f) => !CHUNK_KNOWN.has(f.id))) return null;
    const m = field(chunk, 3);
    if (!m || m.type !== T.STRUCT) return null;
    const meta = m.value as TStruct;
    if (meta.fields.some((f) => f.id < 1 || f.id > META_MAX)) return null;
    const data = i64(meta, 9), dict = i64(meta, 11), index = i64(meta, 10), length = i64(meta, 7);
    if (data === undefined || length === undefined || length <= 0n) return null;
    let start = data;
    if (dict !== undefined && dict < start) start = dict;
    if (index !== undefined && index < start) start = index;
    if (start < 4n || start + length > fileEnd || data >= start + length) return null;
    chunks.push({ start, length, chunk, meta });
  }
  return { rows, group: g, chunks };
}

/** Offsets in a chunk's metadata moved by `shift`; page-index and bloom-filter fields dropped. */
function movedMeta(meta: TStruct, shift: bigint): TStruct {
  return {
    kind: "struct",
    fields: meta.fields.filter((f) => f.id !== 14 && f.id !== 15).map((f) =>
      f.id === 9 || f.id === 10 || f.id === 11 ? { ...f, value: (f.value as bigint) + shift } : f),
  };
}

function movedChunk(c: Chunk, shift: bigint): TStruct | null {
  const fields: TField[] = [];
  for (const f of c.chunk.fields) {
    if (f.id >= 4 && f.id <= 7) continue;
    if (f.id === 2) {
      // readers ignore it; writers put the chunk's start, its end, or 0
      const at = f.value as bigint;
      if (f.type !== T.I64) return null;
      if (at === 0n) fields.push(f);
      else if (at >= c.start && at <= c.start + c.length) fields.push({ ...f, value: at + shift });
      else return null;
    } else if (f.id === 3) fields.push({ ...f, value: movedMeta(c.meta, shift) });
    else fields.push(f);
  }
  return { kind: "struct", fields };
}

/**
 * The row groups of a Parquet file (starting and ending with PAR1, its footer length in range) as small
 * files, or null when its footer holds anything this does not split with certainty. The file is its bytes,
 * or a file read by position (only its footer and, per small file, that group's chunks are read).
 */
export function groupFiles(source: Uint8Array | ByteRanges): GroupFiles | null {
  const ranges = source instanceof Uint8Array ? memoryRanges(source) : source;
  const n = ranges.size;
  if (n < 12) return null;
  const tail = new Uint8Array(8);
  ranges.copy(n - 8, 8, tail, 0);
  const length = tail[0] | (tail[1] << 8) | (tail[2] << 16) | (tail[3] << 24);
  const footerStart = n - 8 - length;
  if (!(length > 0 && footerStart >= 4)) return null;
  let meta: TStruct;
  try {
    const footerBytes = new Uint8Array(length);
    ranges.copy(footerStart, length, footerBytes, 0);
    meta = readStruct(footerBytes, 0, length);
  } catch {
    return null;
  }
  if (meta.fields.some((f) => f.id < 1 || f.id > 7)) return null; // 8, 9: encryption
  const list = structs(field(meta, 4)?.value);
  if (list === null || i64(meta, 3) === undefined) return null;
  const groups: Group[] = [];
  for (const g of list) {
    const group = readGroup(g, BigInt(footerStart));
    if (group === null) return null;
    groups.push(group);
  }
  // no two chunks may share bytes
  const spans = groups.flatMap((g) => g.chunks).map((c) => [c.start, c.start + c.length]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (let k = 1; k < spans.length; k++) if (spans[k][0] < spans[k - 1][1]) return null;
  const moved = (g: Group): { group: TStruct; at: bigint[]; size: number } | null => {
    let at = 4n;
    const starts: bigint[] = [];
    const columns: TStruct[] = [];
    for (const c of g.chunks) {
      const chunk = movedChunk(c, at - c.start);
      if (chunk === null) return null;
      columns.push(chunk);
      starts.push(at);
      at += c.length;
    }
    const fields: TField[] = [];
    for (const f of g.group.fields) {
      if (f.id === 1) fields.push({ ...f, value: { kind: "list", elem: T.STRUCT, items: columns } });
      else if (f.id === 5) { if (f.type === T.I64 && f.value === g.chunks[0].start) fields.push({ ...f, value: 4n }); }
      else if (f.id === 7) fields.push({ id: 7, type: T.I16, value: 0 });
      else fields.push(f);
    }
    return { group: { kind: "struct", fields }, at: starts, size: Number(at) };
  };
  // every group must be movable before any is read
  const plans = groups.map(moved);
  if (plans.some((p) => p === null)) return null;
  let scratch = new Uint8Array(0);
  return {
    groups: groups.length,
    file(g: number): Uint8Array {
      const plan = plans[g]!, group = groups[g];
      const footer = writeStruct({
        kind: "struct",
        fields: meta.fields.map((f): TField =>
          f.id === 3 ? { ...f, value: group.rows }
          : f.id === 4 ? { ...f, value: { kind: "list", elem: T.STRUCT, items: [plan.group] } }
          : f).filter((f) => FILE_KEPT.has(f.id) || f.id === 3 || f.id === 4),
      });
      const size = plan.size + footer.length + 8;
      if (scratch.length < size) scratch = new Uint8Array(Math.max(size, Math.ceil(scratch.length * 1.25)));
      const out = scratch.subarray(0, size);
      out.set([0x50, 0x41, 0x52, 0x31], 0);
      group.chunks.forEach((c, k) => ranges.copy(Number(c.start), Number(c.length), out, Number(plan.at[k])));
      out.set(footer, plan.size);
      new DataView(out.buffer, out.byteOffset).setUint32(plan.size + footer.length, footer.length, true);
      out.set([0x50, 0x41, 0x52, 0x31], plan.size + footer.length + 4);
      return out;
    },
  };
}
