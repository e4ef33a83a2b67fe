// Row groups decoded from small files of their own (src/data/parquet-group-file.ts, parquet-thrift.ts):
// the footer codec gives back the same bytes, each group's small file decodes to exactly what the whole
// file gives for that group, and footers it cannot split with certainty are left to the whole-file path.
import * as fs from "node:fs";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { Dictionary, Float64, Int32, Int64, Table, Utf8, makeVector, tableToIPC, vectorFromArray } from "apache-arrow";
import { loadTable, parquetWasm, toBatch } from "../../src/data/index";
import { fileRanges, type ByteRanges } from "../../src/data/byte-chunks";
import { parseParquetFile } from "../../src/data/parse-binary";
import { parquetRows } from "../../src/data/parquet-footer";
import { groupFiles } from "../../src/data/parquet-group-file";
import { readStruct, T, writeStruct } from "../../src/data/parquet-thrift";
import type { TList, TStruct } from "../../src/data/parquet-thrift";

const corpus = (name: string) => new URL(`corpus/${name}`, import.meta.url).pathname;
const N = 2_500;

type Options = { groupRows?: number; dictionary?: boolean; pageIndex?: boolean };

async function parquet(table: Table, { groupRows = 1000, dictionary = true, pageIndex = false }: Options = {}): Promise<Uint8Array> {
  const pw = await parquetWasm();
  let props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.SNAPPY).setMaxRowGroupSize(groupRows)
    .setDictionaryEnabled(dictionary);
  if (pageIndex) props = props.setStatisticsEnabled(pw.EnabledStatistics.Page).setDataPageSizeLimit(512);
  return pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(table, "stream")), props.build());
}

function mixed(): Table {
  const words = Array.from({ length: N }, (_, r) => (r % 13 === 0 ? null : `w${r % 29}`));
  const dict = vectorFromArray(Array.from({ length: N }, (_, r) => ["low", "mid", "high"][r % 3]), new Dictionary(new Utf8(), new Int32()));
  return new Table({
    x: makeVector({ type: new Float64(), data: Float64Array.from({ length: N }, (_, r) => Math.cos(r) * 10) }),
    few: makeVector({ type: new Float64(), data: Float64Array.from({ length: N }, (_, r) => r % 4) }), // dictionary pages
    gaps: vectorFromArray(Array.from({ length: N }, (_, r) => (r % 7 === 2 ? null : r)), new Float64()),
    big: makeVector({ type: new Int64(), data: BigInt64Array.from({ length: N }, (_, r) => BigInt(r) * 3_000_000_000n) }),
    s: vectorFromArray(words, new Utf8()),
    cat: dict,
  });
}

const files: Array<[string, () => Promise<Uint8Array>]> = [
  ["people.parquet (corpus)", async () => new Uint8Array(readFileSync(corpus("people.parquet")))],
  ["mixed columns, 3 groups, dictionary encoding", () => parquet(mixed())],
  ["mixed columns, no dictionary", () => parquet(mixed(), { dictionary: false })],
  ["mixed columns, page indexes, 64-row groups", () => parquet(mixed(), { groupRows: 64, pageIndex: true })],
  ["one group", () => parquet(mixed(), { groupRows: N })],
  ["numbers only (every group copied through FFI after a first-rows probe)", () => parquet(mixed().select(["x", "few", "gaps", "big"]), { groupRows: 900 })],
];

const folder = mkdtempSync(join(tmpdir(), "crossexam-parquet-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let written = 0;
/** The bytes as a file on disk, for loadTable(path). */
function onDisk(bytes: Uint8Array): string {
  const path = join(folder, `t${written++}.parquet`);
  writeFileSync(path, bytes);
  return path;
}

/** A file read by position that counts what is read, and fails a test that reads it whole. */
function counted(path: string): { ranges: ByteRanges; read: () => number; largest: () => number } {
  const file = fileRanges(fs, path);
  let read = 0, largest = 0;
  return {
    ranges: { size: file.size, close: () => file.close(), copy(at, length, into, offset) {
      read += length; largest = Math.max(largest, length); file.copy(at, length, into, offset);
    } },
    read: () => read,
    largest: () => largest,
  };
}

function footer(bytes: Uint8Array): [number, number] {
  const n = bytes.length;
  const length = new DataView(bytes.buffer, bytes.byteOffset, n).getUint32(n - 8, true);
  return [n - 8 - length, n - 8];
}

describe.each(files)("%s", (_, make) => {
  test("its footer decodes to a tree that encodes back to the same bytes", async () => {
    const bytes = await make();
    const [start, end] = footer(bytes);
    const tree = readStruct(bytes, start, end);
    expect(Array.from(writeStruct(tree))).toEqual(Array.from(bytes.subarray(start, end)));
    // and each small file's footer too
    const split = groupFiles(bytes)!;
    const mini = split.file(split.groups - 1);
    const [s2, e2] = footer(mini);
    expect(Array.from(writeStruct(readStruct(mini, s2, e2)))).toEqual(Array.from(mini.subarray(s2, e2)));
  });

  test("each group's small file holds that group alone and decodes to what the whole file gives for it", async () => {
    const bytes = await make();
    const pw = await parquetWasm();
    const split = groupFiles(bytes);
    expect(split).not.toBeNull();
    const { groups } = parquetRows(bytes);
    expect(split!.groups).toBe(groups.length);
    for (let g = 0; g < split!.groups; g++) {
      const mini = split!.file(g);
      expect(parquetRows(mini), `group ${g + 1}`).toEqual({ rows: groups[g], groups: [groups[g]] });
      if (groups.length > 1) expect(mini.length).toBeLessThan(bytes.length);
      const own = pw.readParquet(mini).intoIPCStream();
      const whole = pw.readParquet(bytes, { rowGroups: [g] }).intoIPCStream();
      expect(own.length, `group ${g + 1}`).toBe(whole.length);
      expect(Buffer.from(own).equals(Buffer.from(whole)), `group ${g + 1}`).toBe(true);
    }
  });

  test("loadTable gives the values the whole file decodes to", async () => {
    const bytes = await make();
    const pw = await parquetWasm();
    const { table, schema } = await loadTable(bytes.slice(), { format: "parquet" });
    const whole = await loadTable(pw.readParquet(bytes).intoIPCStream(), { format: "arrow" });
    expect(table.columnNames()).toEqual(whole.table.columnNames());
    expect(table.numRows()).toBe(whole.table.numRows());
    for (const name of table.columnNames()) {
      expect(table.array(name), name).toEqual(whole.table.array(name));
      if (schema.columns.find((c) => c.name === name)!.values === "number") {
        expect(Array.from(toBatch(table, [name], schema).columns[name] as Float64Array), name)
          .toEqual(Array.from(toBatch(whole.table, [name], whole.schema).columns[name] as Float64Array));
      }
    }
  });

  test("a file on disk is read by position, group by group, to the same table as its bytes", async () => {
    const bytes = await make();
    const path = onDisk(bytes);
    const fromBytes = await loadTable(bytes.slice(), { format: "parquet" });
    const fromPath = await loadTable(path);
    expect(fromPath.table.columnNames()).toEqual(fromBytes.table.columnNames());
    for (const name of fromBytes.table.columnNames()) expect(fromPath.table.array(name), name).toEqual(fromBytes.table.array(name));
    // the whole file is never read at once: only the footer and one group's chunks at a time
    const file = counted(path);
    const table = await parseParquetFile(file.ranges, () => { throw new Error("read whole"); });
    file.ranges.close();
    expect(table.numRows()).toBe(fromBytes.table.numRows());
    const { groups } = parquetRows(bytes);
    if (groups.length > 1) expect(file.largest()).toBeLessThan(bytes.length / 2);
    expect(file.read()).toBeLessThan(bytes.length * 2);
  });
});

test("the page-index file has page indexes (ColumnChunk fields 4–7), which its small files leave out", async () => {
  const bytes = await files[3][1]();
  const chunkIds = (b: Uint8Array) => {
    const [start, end] = footer(b);
    const groups = readStruct(b, start, end).fields.find((f) => f.id === 4)!.value as TList;
    const columns = (groups.items[0] as TStruct).fields.find((f) => f.id === 1)!.value as TList;
    return (columns.items[0] as TStruct).fields.map((f) => f.id);
  };
  expect(chunkIds(bytes)).toEqual(expect.arrayContaining([4, 5, 6, 7]));
  expect(chunkIds(groupFiles(bytes)!.file(0)).filter((id) => id >= 4 && id <= 7)).toEqual([]);
});

/** A file of mixed columns with its footer replaced by `edit` of its tree. */
async function edited(edit: (meta: TStruct) => void): Promise<Uint8Array> {
  const bytes = await parquet(mixed());
  const [start, end] = footer(bytes);
  const meta = readStruct(bytes, start, end);
  edit(meta);
  const f = writeStruct(meta);
  const out = new Uint8Array(start + f.length + 8);
  out.set(bytes.subarray(0, start));
  out.set(f, start);
  new DataView(out.buffer).setUint32(start + f.length, f.length, true);
  out.set(bytes.subarray(bytes.length - 4), start + f.length + 4);
  return out;
}

describe("footers left to the whole-file read", () => {
  const chunk0 = (meta: TStruct): TStruct => {
    const groups = meta.fields.find((f) => f.id === 4)!.value as TList;
    return ((groups.items[0] as TStruct).fields.find((f) => f.id === 1)!.value as TList).items[0] as TStruct;
  };
  const columnMeta = (meta: TStruct): TStruct => chunk0(meta).fields.find((f) => f.id === 3)!.value as TStruct;

  test("an unedited footer is split", async () => {
    expect(groupFiles(await edited(() => {}))).not.toBeNull();
  });

  test("a chunk in another file (ColumnChunk.file_path)", async () => {
    const bytes = await edited((m) => { chunk0(m).fields.unshift({ id: 1, type: T.BINARY, value: new TextEncoder().encode("other.parquet") }); });
    expect(groupFiles(bytes)).toBeNull();
  });

  test("encryption (FileMetaData.encryption_algorithm)", async () => {
    const bytes = await edited((m) => { m.fields.push({ id: 8, type: T.STRUCT, value: { kind: "struct", fields: [] } }); });
    expect(groupFiles(bytes)).toBeNull();
  });

  test("a chunk past the footer's start, or overlapping the next", async () => {
    const size = (m: TStruct) => columnMeta(m).fields.find((f) => f.id === 7)!;
    const past = await edited((m) => { size(m).value = 10_000_000n; });
    expect(groupFiles(past)).toBeNull();
    const overlap = await edited((m) => { size(m).value = (size(m).value as bigint) + 1n; });
    expect(groupFiles(overlap)).toBeNull();
  });

  test("a damaged body is refused with the whole-file read's message", async () => {
    const bytes = await parquet(mixed(), { dictionary: false });
    const [start] = footer(bytes);
    const bad = bytes.slice();
    for (let k = 8; k < start; k += 97) bad[k] ^= 0x5a;
    const whole = await (async () => {
      const pw = await parquetWasm();
      try { pw.readParquet(bad, { rowGroups: [0] }); return "read"; } catch (e) { return (e as Error).message; }
    })();
    const err = await loadTable(bad, { format: "parquet" }).then(() => null, (e: Error) => e);
    expect(err).not.toBeNull();
    expect(err!.message).toMatch(/^unreadable Parquet file: /);
    if (whole !== "read") expect(err!.message).toContain(whole.replace(/^Parquet error:\s*/i, ""));
  });
});

describe("Parquet files on disk that are not read by position", () => {
  test("a damaged or cut-off file is refused with the message its bytes get", async () => {
    const bytes = await parquet(mixed(), { dictionary: false });
    const [start] = footer(bytes);
    const bad = bytes.slice();
    for (let k = 8; k < start; k += 97) bad[k] ^= 0x5a;
    for (const damaged of [bad, bytes.subarray(0, bytes.length - 3), bytes.subarray(0, 10), new Uint8Array(0)]) {
      const fromBytes = await loadTable(damaged.slice(), { format: "parquet" }).then(() => null, (e: Error) => e.message);
      const path = onDisk(damaged);
      const fromPath = await loadTable(path).then(() => null, (e: Error) => e.message);
      expect(fromBytes).not.toBeNull();
      expect(fromPath).toBe(`${path}: ${fromBytes}`); // a file's errors name it
    }
  });

  test("a footer it does not split reads the whole file, once", async () => {
    // encryption (FileMetaData.encryption_algorithm): not split
    const out = await edited((m) => { m.fields.push({ id: 8, type: T.STRUCT, value: { kind: "struct", fields: [] } }); });
    const path = onDisk(out);
    let wholeReads = 0;
    const file = fileRanges(fs, path);
    const whole = await parseParquetFile(file, () => { wholeReads++; return new Uint8Array(readFileSync(path)); })
      .then((t) => t.numRows(), (e: Error) => e.message);
    file.close();
    const fromBytes = await loadTable(out.slice(), { format: "parquet" }).then(({ table }) => table.numRows(), (e: Error) => e.message);
    expect(wholeReads).toBe(1);
    expect(whole).toBe(fromBytes);
  });
});
