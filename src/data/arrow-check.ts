// Refusing a damaged Arrow table instead of half-reading it. Arrow IPC carries no checksums, and
// flechette reads what it is given (a short buffer becomes a short subarray, a bad offset a wrong
// string), so after decoding we check what the format makes checkable:
//   - schema: names are text (no U+FFFD from broken UTF-8, no control characters), none repeats;
//     in the file format, the schema and batch blocks of the footer agree with the stream's own;
//   - row counts: every column has the table's rows, every batch has the length it claims;
//   - buffers: values hold one entry per row; null counts match the validity bits; string offsets start
//     at or above 0, never decrease and end inside the data.
// A damaged value byte (a float's mantissa, a string's letter) stays undetectable: that is the format.
import type { Table } from "@uwdata/flechette";
import type { decodeIPC } from "@uwdata/flechette/src/decode/decode-ipc.js";
import { DataError } from "./errors";

const BAD_NAME = /[\u0000-\u001f\u007f\ufffd]/;
const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => { let c = 0; for (let x = b; x; x >>= 1) c += x & 1; return c; });

function refuse(what: string): never {
  throw new DataError(`damaged Arrow data: ${what}; the file cannot be read safely (re-export or re-download it)`, { kind: "invalid-arrow" });
}

interface BatchLike {
  length: number;
  nullCount: number;
  validity?: Uint8Array;
  values?: ArrayLike<unknown> & { length: number; BYTES_PER_ELEMENT?: number };
  offsets?: ArrayLike<number | bigint> & { length: number };
  children?: BatchLike[];
}

// Arrow type ids (flechette's classes are named differently once minified, so the type decides)
const BINARY = 4, UTF8 = 5, BOOL = 6, LARGE_BINARY = 19, LARGE_UTF8 = 20;
const VARIABLE = new Set([BINARY, UTF8, LARGE_BINARY, LARGE_UTF8]);

function checkBatch(name: string, b: BatchLike, k: number, typeId: number | undefined): void {
  const where = `column \`${name}\`, batch ${k + 1}`;
  const n = b.length;
  if (!(Number.isInteger(n) && n >= 0)) refuse(`${where} claims ${n} rows`);
  if (!(b.nullCount >= 0 && b.nullCount <= n)) refuse(`${where} claims ${b.nullCount} nulls in ${n} rows`);
  if (b.nullCount > 0 && b.validity && b.validity.length > 0) {
    if (b.validity.length * 8 < n) refuse(`${where}: the validity bitmap is shorter than its ${n} rows`);
    let valid = 0;
    const full = n >> 3;
    for (let i = 0; i < full; i++) valid += POPCOUNT[b.validity[i]];
    for (let i = full * 8; i < n; i++) valid += (b.validity[i >> 3] >> (i & 7)) & 1;
    if (n - valid !== b.nullCount) refuse(`${where} claims ${b.nullCount} nulls but its validity bitmap marks ${n - valid}`);
  }
  if (typeId !== undefined && VARIABLE.has(typeId) && b.offsets && b.values) {
    const o = b.offsets;
    if (o.length < n + 1) refuse(`${where}: ${o.length} string offsets for ${n} rows`);
    let prev = Number(o[0]);
    if (prev < 0) refuse(`${where}: string offsets start at ${prev}`);
    for (let i = 1; i <= n; i++) {
      const x = Number(o[i]);
      if (x < prev) refuse(`${where}: string offsets decrease at row ${i}`);
      prev = x;
    }
    if (prev > b.values.length) refuse(`${where}: string offsets run to byte ${prev} of ${b.values.length}`);
  } else if (typeId !== undefined && b.values && ArrayBuffer.isView(b.values) && !b.offsets && !b.children?.length) {
    // fixed width: one value per row (booleans: one bit per row)
    const need = typeId === BOOL ? Math.ceil(n / 8) : n;
    if (b.values.length < need) refuse(`${where}: ${b.values.length} values for ${n} rows`);
  }
  // nested values: lengths and nulls only (their types are not looked up here)
  for (const child of b.children ?? []) checkBatch(name, child, k, undefined);
}

/** Throws a DataError when the decoded table is inconsistent (see the file comment). */
export function checkArrowTable(table: Table): void {
  const fields = table.schema.fields;
  const seen = new Set<string>();
  for (const f of fields) {
    if (typeof f.name !== "string" || BAD_NAME.test(f.name)) refuse(`a column name is not valid text (${JSON.stringify(f.name)})`);
    if (seen.has(f.name)) refuse(`column \`${f.name}\` appears twice in the schema`);
    seen.add(f.name);
  }
  const rows = table.numRows;
  table.children.forEach((col, j) => {
    const name = fields[j]?.name ?? `#${j + 1}`;
    if (col.length !== rows) refuse(`column \`${name}\` has ${col.length} rows, the table ${rows}`);
    const typeId = (col.type as { typeId: number }).typeId;
    // a dictionary column's batches hold keys: their width is checked like any integers
    col.data.forEach((b, k) => checkBatch(name, b as unknown as BatchLike, k, typeId === -1 ? 2 : typeId));
  });
}

/**
 * In the Arrow file format, the footer's schema and batch blocks must agree with the stream they index
 * (`stream`: the messages between the leading magic and the footer, decoded in order; writers such as
 * apache-arrow put the schema only in the footer, so it is compared when the stream has one).
 */
export function checkFooterAgrees(fromFooter: Table, stream: ReturnType<typeof decodeIPC>): void {
  const describe = (fs: ReadonlyArray<{ name: string; type: unknown }>) => fs.map((f) => `${f.name}:${JSON.stringify(f.type)}`).join(",");
  if (stream.schema && describe(stream.schema.fields) !== describe(fromFooter.schema.fields)) {
    refuse("the schema in the file's footer differs from the schema at its start");
  }
  const footer = fromFooter.children[0]?.data.map((d) => d.length) ?? [];
  const own = stream.records.map((r) => Number(r.length));
  if (footer.join(",") !== own.join(",")) {
    refuse(`the footer indexes record batches of ${footer.join(", ") || "no"} rows, the file holds batches of ${own.join(", ") || "no"} rows`);
  }
}
