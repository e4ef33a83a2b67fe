// Row counts from a Parquet footer (src/data/parquet-footer.ts): what the writer wrote, group by group, and a
// footer that cannot say them is refused with the reason, never read as zero rows.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { Float64, Table, makeVector, tableToIPC } from "apache-arrow";
import { parquetWasm } from "../../src/data/index";
import { parquetRows } from "../../src/data/parquet-footer";
import { readStruct, writeStruct, type TStruct } from "../../src/data/parquet-thrift";

const corpus = (name: string) => new URL(`corpus/${name}`, import.meta.url).pathname;

async function written(rows: number, groupRows: number): Promise<Uint8Array> {
  const pw = await parquetWasm();
  const t = new Table({ x: makeVector({ type: new Float64(), data: Float64Array.from({ length: rows }, (_, r) => r) }) });
  const props = new pw.WriterPropertiesBuilder().setMaxRowGroupSize(groupRows).build();
  return pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(t, "stream")), props);
}

/** The file's bytes with its footer replaced by `meta` plus `extra` bytes (the length and PAR1 rewritten). */
function withFooter(bytes: Uint8Array, meta: TStruct, extra = new Uint8Array(0)): Uint8Array {
  const n = bytes.length, length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(n - 8, true);
  const body = bytes.subarray(0, n - 8 - length), footer = writeStruct(meta);
  const out = new Uint8Array(body.length + footer.length + extra.length + 8);
  out.set(body, 0);
  out.set(footer, body.length);
  out.set(extra, body.length + footer.length);
  new DataView(out.buffer).setUint32(out.length - 8, footer.length + extra.length, true);
  out.set(new TextEncoder().encode("PAR1"), out.length - 4);
  return out;
}

function footerOf(bytes: Uint8Array): TStruct {
  const n = bytes.length, length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(n - 8, true);
  return readStruct(bytes, n - 8 - length, n - 8);
}

describe("parquetRows", () => {
  test("gives the rows of the file and of each group, as written", async () => {
    expect(parquetRows(await written(2_500, 1_000))).toEqual({ rows: 2_500, groups: [1_000, 1_000, 500] });
    const people = new Uint8Array(readFileSync(corpus("people.parquet")));
    const { rows, groups } = parquetRows(people);
    expect(rows).toBeGreaterThan(0);
    expect(groups.reduce((a, b) => a + b, 0)).toBe(rows);
  });

  test("lets bytes after the footer's last field be, as Parquet readers do", async () => {
    const bytes = await written(300, 100);
    const padded = withFooter(bytes, footerOf(bytes), new Uint8Array([0, 0, 0, 0]));
    expect(parquetRows(padded)).toEqual({ rows: 300, groups: [100, 100, 100] });
  });

  test("refuses a footer without the file's row count, or a group's, naming which", async () => {
    const bytes = await written(300, 100);
    const meta = footerOf(bytes);
    const noRows: TStruct = { kind: "struct", fields: meta.fields.filter((f) => f.id !== 3) };
    expect(() => parquetRows(withFooter(bytes, noRows))).toThrow("the footer does not say how many rows the file holds");
    const groups = meta.fields.find((f) => f.id === 4)!.value as { items: TStruct[] };
    const second = groups.items[1];
    groups.items[1] = { kind: "struct", fields: second.fields.filter((f) => f.id !== 3) };
    expect(() => parquetRows(withFooter(bytes, meta))).toThrow("row group 2 does not say how many rows it holds");
  });

  test("refuses a footer whose length or contents run past the file", async () => {
    const bytes = await written(300, 100);
    const long = bytes.slice();
    new DataView(long.buffer).setUint32(long.length - 8, long.length, true);
    expect(() => parquetRows(long)).toThrow(/footer length .* out of range/);
    // cut the footer's last bytes but keep the length: the reader runs out inside it
    const n = bytes.length, length = new DataView(bytes.buffer).getUint32(n - 8, true);
    const cut = new Uint8Array(n - 3);
    cut.set(bytes.subarray(0, n - 11), 0);
    cut.set(bytes.subarray(n - 8), n - 11);
    new DataView(cut.buffer).setUint32(cut.length - 8, length - 3, true);
    expect(() => parquetRows(cut)).toThrow(/footer ends early|footer holds/);
  });
});
