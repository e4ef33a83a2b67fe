// Writes the binary fixtures of this corpus from people.csv's values, with apache-arrow and
// parquet-wasm: people.arrow (IPC file), people.parquet, and truncated.parquet (people.parquet
// cut short, as an interrupted download would leave it).
// Run from the repository root: npx tsx test/data/corpus/make-binary.ts
import { writeFileSync } from "node:fs";
import { Bool, Float64, Int64, Table, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import { parquetWasm } from "../../../src/data/parquet-wasm";

const dir = new URL(".", import.meta.url);

const table = new Table({
  age: vectorFromArray([34, 51, null, 67, 45], new Float64()),
  sex: vectorFromArray(["F", "M", "F", "M", null], new Utf8()),
  smoker: vectorFromArray([true, false, true, false, true], new Bool()),
  income: vectorFromArray([52000.5, null, 31000, 44000.25, 60000], new Float64()),
  // int64, as pandas and R write integer columns
  death: vectorFromArray([0n, 1n, 0n, 1n, 0n], new Int64()),
});

writeFileSync(new URL("people.arrow", dir), tableToIPC(table, "file"));

const pw = await parquetWasm();
const parquet = pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(table, "stream")));
writeFileSync(new URL("people.parquet", dir), parquet);
writeFileSync(new URL("truncated.parquet", dir), parquet.slice(0, Math.floor(parquet.length / 2)));
console.log(`people.parquet: ${parquet.length} bytes`);
