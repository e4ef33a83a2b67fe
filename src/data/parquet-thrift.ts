// A generic reader and writer of Thrift compact-protocol values (the encoding of a Parquet footer), to
// a small typed tree and back. Nothing is interpreted here: fields are kept by id and type, in their
// order, so that encoding a decoded value gives back the same bytes (tests check this on every Parquet
// file they have). Every read is bounds-checked; I64 values are bigints (offsets, counts) so none is
// rounded.

export const T = { STOP: 0, TRUE: 1, FALSE: 2, BYTE: 3, I16: 4, I32: 5, I64: 6, DOUBLE: 7, BINARY: 8, LIST: 9, SET: 10, MAP: 11, STRUCT: 12 } as const;

/** One value of a compact type: the type travels with it in the field, list or map that holds it. */
export type TValue =
  | boolean // TRUE / FALSE in a field; in a list, the element byte is kept in `TList.raw`
  | number // BYTE, I16, I32
  | bigint // I64
  | Uint8Array // DOUBLE (its 8 bytes) and BINARY
  | TList
  | TMap
  | TStruct;

export interface TField { id: number; type: number; value: TValue }
export interface TStruct { kind: "struct"; fields: TField[] }
export interface TList { kind: "list"; elem: number; items: TValue[] }
export interface TMap { kind: "map"; key: number; val: number; entries: [TValue, TValue][] }

const MAX_DEPTH = 64;

class Reader {
  constructor(private readonly b: Uint8Array, public at: number, private readonly end: number) {}
  byte(): number {
    if (this.at >= this.end) throw new Error("the footer ends early");
    return this.b[this.at++];
  }
  varint(): bigint {
    let x = 0n, shift = 0n;
    for (let k = 0; k < 10; k++) {
      const c = this.byte();
      x |= BigInt(c & 0x7f) << shift;
      if (!(c & 0x80)) return x;
      shift += 7n;
    }
    throw new Error("the footer holds a malformed number");
  }
  zigzag(): bigint {
    const x = this.varint();
    return x & 1n ? -(x >> 1n) - 1n : x >> 1n;
  }
  small(): number {
    const v = this.zigzag();
    if (v < -(2n ** 31n) || v >= 2n ** 31n) throw new Error("the footer holds a 32-bit number out of range");
    return Number(v);
  }
  take(n: number): Uint8Array {
    if (!(n >= 0 && this.at + n <= this.end)) throw new Error("the footer holds a length past its end");
    this.at += n;
    return this.b.subarray(this.at - n, this.at);
  }
  count(): number {
    const n = this.varint();
    if (n > BigInt(this.end - this.at)) throw new Error(`the footer claims ${n} entries, more than its bytes`);
    return Number(n);
  }
  value(t: number, depth: number): TValue {
    if (depth > MAX_DEPTH) throw new Error("the footer nests too deep");
    switch (t) {
      case T.TRUE: case T.FALSE: return this.byte() === T.TRUE; // only in lists and maps
      case T.BYTE: return this.byte();
      case T.I16: case T.I32: return this.small();
      case T.I64: return this.zigzag();
      case T.DOUBLE: return this.take(8);
      case T.BINARY: return this.take(Number(this.count()));
      case T.LIST: case T.SET: {
        const h = this.byte();
        const n = h >> 4 === 15 ? this.count() : h >> 4;
        const items: TValue[] = [];
        for (let k = 0; k < n; k++) items.push(this.value(h & 15, depth + 1));
        return { kind: "list", elem: h & 15, items };
      }
      case T.MAP: {
        const n = this.count();
        if (n === 0) return { kind: "map", key: 0, val: 0, entries: [] };
        const kv = this.byte();
        const entries: [TValue, TValue][] = [];
        for (let k = 0; k < n; k++) entries.push([this.value(kv >> 4, depth + 1), this.value(kv & 15, depth + 1)]);
        return { kind: "map", key: kv >> 4, val: kv & 15, entries };
      }
      case T.STRUCT: return this.struct(depth + 1);
      default: throw new Error(`the footer holds an unknown field type ${t}`);
    }
  }
  struct(depth: number): TStruct {
    if (depth > MAX_DEPTH) throw new Error("the footer nests too deep");
    const fields: TField[] = [];
    let id = 0;
    for (;;) {
      const h = this.byte();
      if (h === T.STOP) return { kind: "struct", fields };
      const type = h & 15;
      id = h >> 4 ? id + (h >> 4) : this.small();
      const value = type === T.TRUE || type === T.FALSE ? type === T.TRUE : this.value(type, depth);
      fields.push({ id, type, value });
    }
  }
}

/**
 * The struct encoded in bytes[start, end); throws (with a reason) on damage, or on bytes left over unless
 * `trailing` lets them be.
 */
export function readStruct(bytes: Uint8Array, start = 0, end = bytes.length, options: { trailing?: boolean } = {}): TStruct {
  const r = new Reader(bytes, start, end);
  const s = r.struct(0);
  if (r.at !== end && !options.trailing) throw new Error(`the footer has ${end - r.at} bytes after its end`);
  return s;
}

class Writer {
  private buf = new Uint8Array(1024);
  length = 0;
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  byte(b: number): void { this.room(1); this.buf[this.length++] = b; }
  bytes(b: Uint8Array): void { this.room(b.length); this.buf.set(b, this.length); this.length += b.length; }
  varint(x: bigint): void {
    do {
      const low = Number(x & 0x7fn);
      x >>= 7n;
      this.byte(x > 0n ? low | 0x80 : low);
    } while (x > 0n);
  }
  zigzag(v: bigint): void { this.varint(v >= 0n ? v << 1n : (-v << 1n) - 1n); }
  value(t: number, v: TValue): void {
    switch (t) {
      case T.TRUE: case T.FALSE: this.byte(v ? T.TRUE : T.FALSE); return;
      case T.BYTE: this.byte(v as number); return;
      case T.I16: case T.I32: this.zigzag(BigInt(v as number)); return;
      case T.I64: this.zigzag(v as bigint); return;
      case T.DOUBLE: this.bytes(v as Uint8Array); return;
      case T.BINARY: this.varint(BigInt((v as Uint8Array).length)); this.bytes(v as Uint8Array); return;
      case T.LIST: case T.SET: {
        const l = v as TList;
        if (l.items.length < 15) this.byte((l.items.length << 4) | l.elem);
        else { this.byte(0xf0 | l.elem); this.varint(BigInt(l.items.length)); }
        for (const item of l.items) this.value(l.elem, item);
        return;
      }
      case T.MAP: {
        const m = v as TMap;
        this.varint(BigInt(m.entries.length));
        if (m.entries.length === 0) return;
        this.byte((m.key << 4) | m.val);
        for (const [k, x] of m.entries) { this.value(m.key, k); this.value(m.val, x); }
        return;
      }
      case T.STRUCT: this.struct(v as TStruct); return;
      default: throw new Error(`cannot write field type ${t}`);
    }
  }
  struct(s: TStruct): void {
    let last = 0;
    for (const f of s.fields) {
      const type = f.type === T.TRUE || f.type === T.FALSE ? (f.value ? T.TRUE : T.FALSE) : f.type;
      const delta = f.id - last;
      if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
      else { this.byte(type); this.zigzag(BigInt(f.id)); }
      if (type !== T.TRUE && type !== T.FALSE) this.value(type, f.value);
      last = f.id;
    }
    this.byte(T.STOP);
  }
  result(): Uint8Array { return this.buf.subarray(0, this.length); }
}

/** The compact-protocol bytes of a struct. */
export function writeStruct(s: TStruct): Uint8Array {
  const w = new Writer();
  w.struct(s);
  return w.result();
}
