// Parquet with many row groups (src/data/parse-binary.ts, parquet-ffi.ts): after the first group, numeric
// tables are copied straight out of parquet-wasm's memory. Every kind of plain number, nulls, and
// groups of other sizes must come out as the first group's IPC path gives them.
import { describe, expect, test } from "vitest";
import { Float32, Float64, Int16, Int32, Int64, Table, Uint8, Utf8, makeVector, tableToIPC, vectorFromArray } from "apache-arrow";
import { loadTable, parquetWasm, toBatch } from "../../src/data/index";

const N = 5_300; // six groups of 1,000 rows and a short one

async function parquet(table: Table, groupRows = 1000): Promise<Uint8Array> {
  const pw = await parquetWasm();
  const props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.SNAPPY).setMaxRowGroupSize(groupRows).build();
  return pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(table, "stream")), props);
}

const f64 = Float64Array.from({ length: N }, (_, r) => Math.sin(r) * 1e3);
const nullable = Array.from({ length: N }, (_, r) => (r % 97 === 3 ? null : r / 8));

function numbers(): Table {
  return new Table({
    a: makeVector({ type: new Float64(), data: f64 }),
    b: vectorFromArray(nullable, new Float64()),
    c: makeVector({ type: new Float32(), data: Float32Array.from({ length: N }, (_, r) => r * 0.25) }),
    d: makeVector({ type: new Int32(), data: Int32Array.from({ length: N }, (_, r) => r - 2000) }),
    e: makeVector({ type: new Int64(), data: BigInt64Array.from({ length: N }, (_, r) => BigInt(r) * 1_000_000n) }),
    f: makeVector({ type: new Int16(), data: Int16Array.from({ length: N }, (_, r) => (r % 600) - 300) }),
    g: makeVector({ type: new Uint8(), data: Uint8Array.from({ length: N }, (_, r) => r % 256) }),
  });
}

describe("Parquet of many row groups", () => {
  test("every plain number type, with nulls as missing, in row order across all groups", async () => {
    const bytes = await parquet(numbers());
    const { table, schema } = await loadTable(bytes, { format: "parquet" });
    expect(table.numRows()).toBe(N);
    const batch = toBatch(table, table.columnNames(), schema);
    const col = (k: string) => Array.from(batch.columns[k] as Float64Array);
    expect(col("a")).toEqual(Array.from(f64));
    expect(col("b")).toEqual(nullable.map((v) => (v === null ? NaN : v)));
    expect(schema.columns.find((c) => c.name === "b")!.missing).toBe(nullable.filter((v) => v === null).length);
    expect(col("c")).toEqual(Array.from({ length: N }, (_, r) => r * 0.25));
    expect(col("d")).toEqual(Array.from({ length: N }, (_, r) => r - 2000));
    expect(col("e")).toEqual(Array.from({ length: N }, (_, r) => r * 1_000_000));
    expect(col("f")).toEqual(Array.from({ length: N }, (_, r) => (r % 600) - 300));
    expect(col("g")).toEqual(Array.from({ length: N }, (_, r) => r % 256));
  });

  test("the same values whatever the group size (one group, or groups of 64 rows)", async () => {
    const one = await loadTable(await parquet(numbers(), N), { format: "parquet" });
    const small = await loadTable(await parquet(numbers(), 64), { format: "parquet" });
    for (const name of one.table.columnNames()) {
      expect(Array.from(toBatch(small.table, [name], small.schema).columns[name] as Float64Array))
        .toEqual(Array.from(toBatch(one.table, [name], one.schema).columns[name] as Float64Array));
    }
  });

  test("a text column keeps every group on the checked IPC path: text and numbers both whole", async () => {
    const words = Array.from({ length: N }, (_, r) => (r % 11 === 0 ? null : `w${r % 37}`));
    const bytes = await parquet(new Table({ x: makeVector({ type: new Float64(), data: f64 }), s: vectorFromArray(words, new Utf8()) }));
    const { table } = await loadTable(bytes, { format: "parquet" });
    expect(Array.from({ length: N }, (_, r) => table.get("s", r))).toEqual(words);
    expect(Array.from({ length: N }, (_, r) => table.get("x", r))).toEqual(Array.from(f64));
  });
});
