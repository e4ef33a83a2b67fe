// A decoded Parquet row group read straight out of parquet-wasm's WebAssembly memory through the Arrow
// C Data Interface (ArrowSchema/ArrowArray structs, wasm32: 4-byte pointers, 8-byte int64): numeric
// columns are copied once, from the decoder's buffers into the table's Float64Arrays, with no Arrow IPC
// bytes in between (which cost a second copy of every group and garbage for the collector to find).
// Used for tables whose columns are all plain numbers; anything else here is a reason, and the caller
// decodes the group through IPC instead.

/** Arrow C format strings of plain numbers, with their typed-array constructor. */
const NUMERIC: Record<string, { bytes: number; view: (b: ArrayBuffer, at: number, n: number) => ArrayLike<number | bigint> }> = {
  g: { bytes: 8, view: (b, at, n) => new Float64Array(b, at, n) },
  f: { bytes: 4, view: (b, at, n) => new Float32Array(b, at, n) },
  l: { bytes: 8, view: (b, at, n) => new BigInt64Array(b, at, n) },
  L: { bytes: 8, view: (b, at, n) => new BigUint64Array(b, at, n) },
  i: { bytes: 4, view: (b, at, n) => new Int32Array(b, at, n) },
  I: { bytes: 4, view: (b, at, n) => new Uint32Array(b, at, n) },
  s: { bytes: 2, view: (b, at, n) => new Int16Array(b, at, n) },
  S: { bytes: 2, view: (b, at, n) => new Uint16Array(b, at, n) },
  c: { bytes: 1, view: (b, at, n) => new Int8Array(b, at, n) },
  C: { bytes: 1, view: (b, at, n) => new Uint8Array(b, at, n) },
};

function cString(mem: Uint8Array, at: number): string {
  let end = at;
  while (end < mem.length && mem[end] !== 0) end++;
  return new TextDecoder().decode(mem.subarray(at, end));
}

/** The pieces of parquet-wasm this reads through (its Table's intoFFI and its memory). */
export interface FfiStream {
  numArrays(): number;
  arrayAddr(chunk: number): number;
  schemaAddr(): number;
  free(): void;
}

/**
 * Copies the columns of a decoded row group (`stream`, which this frees) into out[j] from row `at`
 * (NaN for null). `names` are the columns expected, in order. Returns the rows copied, or a reason
 * string (other columns, a type that is not a plain number, a misaligned buffer) with nothing copied
 * past what the caller will overwrite.
 */
export function copyFfiGroup(memory: WebAssembly.Memory, stream: FfiStream, names: readonly string[], out: Float64Array[], at: number): number | string {
  try {
    const buffer = memory.buffer;
    const bytes = new Uint8Array(buffer);
    const view = new DataView(buffer);
    const u32 = (p: number) => view.getUint32(p, true);
    const i64 = (p: number) => Number(view.getBigInt64(p, true));
    const schema = stream.schemaAddr();
    if (i64(schema + 24) !== names.length) return "another number of columns";
    const children = u32(schema + 32);
    const kinds = names.map((name, j) => {
      const child = u32(children + 4 * j);
      if (cString(bytes, u32(child + 4)) !== name || u32(child + 36) !== 0) return undefined; // 36: a dictionary
      return NUMERIC[cString(bytes, u32(child))];
    });
    if (kinds.some((k) => k === undefined)) return "other columns or a type that is not a plain number";
    let rows = 0;
    for (let c = 0; c < stream.numArrays(); c++) {
      const batch = stream.arrayAddr(c);
      const n = i64(batch), batchOffset = i64(batch + 16);
      if (i64(batch + 32) !== names.length) return "a batch with another number of columns";
      const cols = u32(batch + 44);
      for (let j = 0; j < names.length; j++) {
        const col = u32(cols + 4 * j), kind = kinds[j]!;
        if (i64(col) !== n) return `column \`${names[j]}\` has another length than its batch`;
        const nulls = i64(col + 8), offset = i64(col + 16) + batchOffset, buffers = u32(col + 40);
        const validity = u32(buffers), values = u32(buffers + 4);
        const start = values + offset * kind.bytes;
        if (start % kind.bytes !== 0 || start + n * kind.bytes > buffer.byteLength) return "a misaligned or out-of-range buffer";
        const src = kind.view(buffer, start, n), dest = out[j];
        if (src instanceof BigInt64Array || src instanceof BigUint64Array) for (let i = 0; i < n; i++) dest[at + rows + i] = Number(src[i]);
        else dest.set(src as ArrayLike<number>, at + rows);
        if (nulls !== 0 && validity !== 0) {
          for (let i = 0; i < n; i++) {
            const bit = offset + i;
            if (((bytes[validity + (bit >> 3)] >> (bit & 7)) & 1) === 0) dest[at + rows + i] = NaN;
          }
        }
      }
      rows += n;
    }
    return rows;
  } finally {
    stream.free();
  }
}
