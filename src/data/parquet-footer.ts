// The row counts of a Parquet file, read from its footer (Thrift compact protocol) without decoding
// any data: FileMetaData.num_rows (field 3) and each RowGroup's num_rows (field 3 of field 4's
// structs). Every read is bounds-checked, so a damaged footer is refused here, not half-parsed.

export interface ParquetRows {
  rows: number;
  groups: number[];
}

const STOP = 0, TRUE = 1, FALSE = 2, BYTE = 3, I16 = 4, I32 = 5, I64 = 6, DOUBLE = 7, BINARY = 8, LIST = 9, SET = 10, MAP = 11, STRUCT = 12;

class Reader {
  constructor(private readonly b: Uint8Array, public at: number, private readonly end: number) {}
  byte(): number {
    if (this.at >= this.end) throw new Error("the footer ends early");
    return this.b[this.at++];
  }
  varint(): number {
    let x = 0, scale = 1;
    for (let k = 0; k < 10; k++) {
      const c = this.byte();
      x += (c & 0x7f) * scale;
      if (!(c & 0x80)) return x;
      scale *= 128;
    }
    throw new Error("the footer holds a malformed number");
  }
  zigzag(): number {
    const x = this.varint();
    return x % 2 === 0 ? x / 2 : -(x + 1) / 2;
  }
  skip(n: number): void {
    if (!(n >= 0 && this.at + n <= this.end)) throw new Error("the footer holds a length past its end");
    this.at += n;
  }
  /** Skip one value of compact type `t`. */
  value(t: number, depth: number): void {
    if (depth > 64) throw new Error("the footer nests too deep");
    switch (t) {
      case TRUE: case FALSE: return;
      case BYTE: this.skip(1); return;
      case I16: case I32: case I64: this.varint(); return;
      case DOUBLE: this.skip(8); return;
      case BINARY: this.skip(this.varint()); return;
      case LIST: case SET: { const [n, e] = this.listHeader(); for (let k = 0; k < n; k++) this.value(e, depth + 1); return; }
      case MAP: {
        const n = this.varint();
        if (n === 0) return;
        const kv = this.byte();
        for (let k = 0; k < n; k++) { this.value(kv >> 4, depth + 1); this.value(kv & 15, depth + 1); }
        return;
      }
      case STRUCT: this.struct(() => false, depth + 1); return;
      default: throw new Error(`the footer holds an unknown field type ${t}`);
    }
  }
  listHeader(): [number, number] {
    const h = this.byte();
    const n = h >> 4 === 15 ? this.varint() : h >> 4;
    if (n > this.end - this.at) throw new Error(`the footer claims a list of ${n} entries`);
    return [n, h & 15];
  }
  /** Read a struct, handing each field to `on` (which returns true when it consumed the value). */
  struct(on: (id: number, type: number) => boolean, depth: number): void {
    let id = 0;
    for (;;) {
      const h = this.byte();
      if (h === STOP) return;
      const type = h & 15;
      id = h >> 4 ? id + (h >> 4) : this.zigzag();
      if (type === TRUE || type === FALSE) continue;
      if (!on(id, type)) this.value(type, depth);
    }
  }
}

/** Row counts from the footer of a Parquet file (which starts and ends with PAR1); throws on damage. */
export function parquetRows(bytes: Uint8Array): ParquetRows {
  const n = bytes.length;
  const length = bytes[n - 8] | (bytes[n - 7] << 8) | (bytes[n - 6] << 16) | (bytes[n - 5] << 24);
  const start = n - 8 - length;
  if (!(length > 0 && start >= 4)) throw new Error(`the footer length (${length}) is out of range`);
  const r = new Reader(bytes, start, n - 8);
  let rows = -1;
  const groups: number[] = [];
  r.struct((id, type) => {
    if (id === 3 && type === I64) { rows = r.zigzag(); return true; }
    if (id === 4 && type === LIST) {
      const [count, elem] = r.listHeader();
      if (elem !== STRUCT) throw new Error("the footer's row groups are not records");
      for (let g = 0; g < count; g++) {
        let groupRows = -1;
        r.struct((gid, gtype) => (gid === 3 && gtype === I64 ? ((groupRows = r.zigzag()), true) : false), 1);
        if (groupRows < 0) throw new Error(`row group ${g + 1} does not say how many rows it holds`);
        groups.push(groupRows);
      }
      return true;
    }
    return false;
  }, 0);
  if (rows < 0) throw new Error("the footer does not say how many rows the file holds");
  return { rows, groups };
}
