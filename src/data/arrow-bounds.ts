// Before flechette decodes Arrow IPC bytes: every flatbuffer table, vector and string it will read
// must lie inside its buffer. flechette reads vectors with a loop over the stored length and no bounds
// check, so one damaged length byte (a vector of 2^31 batch blocks) would run it out of memory instead
// of failing. This walks the same structures (message headers; in the file format, the footer and
// every block it indexes) and throws a DataError naming the first that does not fit.
import { DataError } from "./errors";

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // ARROW1
const MAX_DEPTH = 64;
const UNION = 14;
const HEADER_SCHEMA = 1, HEADER_DICTIONARY = 2, HEADER_RECORDS = 3;

function bad(what: string): never {
  throw new DataError(`damaged Arrow data: ${what}; the file cannot be read safely (re-export or re-download it)`, { kind: "invalid-arrow" });
}

/** A flatbuffer view over one buffer, checking each read against its end. */
class Flat {
  private readonly view: DataView;
  constructor(readonly buf: Uint8Array, private readonly what: string) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  private need(at: number, size: number): void {
    if (!(at >= 0 && at + size <= this.buf.length)) bad(`${this.what} points outside itself (byte ${at})`);
  }
  u8(at: number): number { this.need(at, 1); return this.view.getUint8(at); }
  u32(at: number): number { this.need(at, 4); return this.view.getUint32(at, true); }
  i32(at: number): number { this.need(at, 4); return this.view.getInt32(at, true); }
  i64(at: number): number { this.need(at, 8); return Number(this.view.getBigInt64(at, true)); }
  /** Position of field `slot` (vtable byte offset: 4, 6, …) of the table at `t`, or 0 when absent. */
  field(t: number, slot: number): number {
    const vt = t - this.i32(t);
    this.need(vt, 4);
    const size = this.view.getUint16(vt, true);
    if (slot >= size) return 0;
    this.need(vt + slot, 2);
    const off = this.view.getUint16(vt + slot, true);
    return off === 0 ? 0 : t + off;
  }
  /** The table, vector or string a field's offset points to, or -1 when absent. */
  target(t: number, slot: number): number {
    const at = this.field(t, slot);
    if (at === 0) return -1;
    const to = at + this.u32(at);
    this.need(to, 4);
    return to;
  }
  /** Vector at field `slot`: its length, after checking its `stride`-byte elements fit. */
  vector(t: number, slot: number, stride: number): { start: number; length: number } {
    const v = this.target(t, slot);
    if (v < 0) return { start: 0, length: 0 };
    const length = this.u32(v);
    if (v + 4 + length * stride > this.buf.length) bad(`${this.what} holds a list of ${length} entries that cannot fit in its ${this.buf.length} bytes`);
    return { start: v + 4, length };
  }
  /** Each table of a vector of tables. */
  tables(t: number, slot: number): number[] {
    const { start, length } = this.vector(t, slot, 4);
    return Array.from({ length }, (_, k) => { const at = start + 4 * k; const to = at + this.u32(at); this.need(to, 4); return to; });
  }
}

function checkKeyValues(f: Flat, t: number, slot: number): void {
  for (const kv of f.tables(t, slot)) { f.vector(kv, 4, 1); f.vector(kv, 6, 1); }
}

function checkField(f: Flat, t: number, depth: number): void {
  if (depth > MAX_DEPTH) bad("the schema nests deeper than any real file");
  f.vector(t, 4, 1); // name
  const typeType = f.field(t, 8) ? f.u8(f.field(t, 8)) : 0;
  const type = f.target(t, 10);
  if (type >= 0 && typeType === UNION) f.vector(type, 6, 4);
  const dict = f.target(t, 12);
  if (dict >= 0) f.target(dict, 6); // index type
  for (const child of f.tables(t, 14)) checkField(f, child, depth + 1);
  checkKeyValues(f, t, 16);
}

function checkSchema(f: Flat, t: number): void {
  for (const field of f.tables(t, 6)) checkField(f, field, 0);
  checkKeyValues(f, t, 8);
  f.vector(t, 10, 8);
}

function checkRecordBatch(f: Flat, t: number): void {
  f.vector(t, 6, 16); // nodes
  f.vector(t, 8, 16); // buffers
  f.target(t, 10); // compression
  f.vector(t, 12, 8); // variadic buffer counts
}

/** The message at `at` (continuation marker, length, header, body); returns where the next one starts, or -1 at the end. */
function checkMessage(bytes: Uint8Array, at: number, what: string): number {
  const outer = new Flat(bytes, what);
  if (at + 4 > bytes.length) return -1;
  let length = outer.i32(at);
  at += 4;
  if (length === -1) { if (at + 4 > bytes.length) return -1; length = outer.i32(at); at += 4; }
  if (length === 0) return -1;
  if (length < 0 || at + length > bytes.length) bad(`${what} claims ${length} bytes of header, past the end of the data`);
  const head = new Flat(bytes.subarray(at, at + length), what);
  const root = head.u32(0);
  const type = head.field(root, 6) ? head.u8(head.field(root, 6)) : 0;
  const header = head.target(root, 8);
  const body = head.field(root, 10) ? head.i64(head.field(root, 10)) : 0;
  checkKeyValues(head, root, 12);
  if (header >= 0) {
    if (type === HEADER_SCHEMA) checkSchema(head, header);
    else if (type === HEADER_RECORDS) checkRecordBatch(head, header);
    else if (type === HEADER_DICTIONARY) { const data = head.target(header, 6); if (data >= 0) checkRecordBatch(head, data); }
    else bad(`${what} is of unknown type ${type}`);
  }
  const end = at + length + body;
  if (body < 0 || end > bytes.length) bad(`${what} claims a body of ${body} bytes, past the end of the data`);
  return end;
}

/** Throws a DataError when a structure flechette would read does not fit in the bytes (file or stream format). */
export function checkArrowBounds(bytes: Uint8Array): void {
  const isFile = bytes.length >= 6 && MAGIC.every((b, k) => bytes[k] === b);
  if (!isFile) {
    for (let at = 0, k = 1; at >= 0 && at < bytes.length; k++) at = checkMessage(bytes, at, `message ${k}`);
    return;
  }
  if (bytes.length < 18 || !MAGIC.every((b, k) => bytes[bytes.length - 6 + k] === b)) {
    throw new DataError("truncated Arrow file: it does not end with the `ARROW1` marker", { kind: "invalid-arrow" });
  }
  const whole = new Flat(bytes, "the file");
  const footerLength = whole.i32(bytes.length - 10);
  const start = bytes.length - 10 - footerLength;
  if (!(footerLength > 0 && start >= 8)) bad(`the footer length (${footerLength}) is out of range`);
  const footer = new Flat(bytes.subarray(start, bytes.length - 10), "the footer");
  const root = footer.u32(0);
  const schema = footer.target(root, 6);
  if (schema < 0) bad("the footer has no schema");
  checkSchema(footer, schema);
  checkKeyValues(footer, root, 12);
  for (const slot of [8, 10]) {
    const { start: blocks, length } = footer.vector(root, slot, 24);
    for (let k = 0; k < length; k++) {
      const at = blocks + 24 * k;
      const offset = footer.i64(at), meta = footer.i32(at + 8), body = footer.i64(at + 16);
      if (!(offset >= 8 && meta > 0 && body >= 0 && offset + meta + body <= start)) bad(`the footer's block ${k + 1} lies outside the file`);
      checkMessage(bytes.subarray(0, start), offset, `block ${k + 1}`);
    }
  }
}
