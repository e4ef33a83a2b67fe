// One measurement of the data benchmark (bench/run.ts, part 3), in a fresh process so that its peak
// memory is its own: run with `node --expose-gc --import tsx bench/load-speed.ts MODE …`.
//   predict DATA OUT   `crossexam predict --model bench/fixtures/ames10-gbm.onnx --data DATA`, scores to OUT
//   load DATA          loadTable(DATA) + toBatch of every column: time, typed payload, peak memory
//   floor DATA         parquet-wasm's readParquet → Arrow IPC alone (what any Parquet reader here must pay)
//   make-parquet DIR   DIR/rows.parquet from DIR/rows.f64 (written by reference_load.py make)
// Prints one JSON object: {ms, rss: {before, peak}, payload?, rows?}. Memory in bytes: `before` is the
// resident set after a full GC, `peak` the process's maximum resident set (getrusage), so peak − before
// bounds what the measured step added.
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { Float64, Table, tableToIPC, makeVector } from "apache-arrow";
import { predictCommand } from "../src/cli/predict";
import { loadTable, parquetWasm, toBatch } from "../src/data/index";

const ROOT = new URL("../", import.meta.url).pathname;
const gc = (globalThis as { gc?: () => void }).gc;

function settle(): number {
  gc?.(); gc?.();
  return process.memoryUsage().rss;
}
const peak = () => process.resourceUsage().maxRSS * 1024;

async function main() {
  const [mode, a, b] = process.argv.slice(2);
  if (mode === "make-parquet") {
    const { rows, columns } = JSON.parse(readFileSync(`${a}/rows.json`, "utf8"));
    const raw = readFileSync(`${a}/rows.f64`);
    const all = new Float64Array(raw.buffer, raw.byteOffset, raw.byteLength / 8);
    const vectors = Object.fromEntries(columns.map((c: string, j: number) =>
      [c, makeVector({ type: new Float64(), data: all.subarray(j * rows, (j + 1) * rows) })]));
    const pw = await parquetWasm();
    // snappy-compressed row groups of 64k rows, as pyarrow and pandas write by default (or close to it)
    const props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.SNAPPY).setMaxRowGroupSize(65536).build();
    writeFileSync(`${a}/rows.parquet`, pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(new Table(vectors), "stream")), props));
    process.stdout.write(JSON.stringify({ rows }) + "\n");
    return;
  }
  if (mode === "predict") {
    const model = `${ROOT}bench/fixtures/ames10-gbm.onnx`;
    const before = settle();
    const fd = openSync(b, "w");
    const err: string[] = [];
    const t0 = performance.now();
    const code = await predictCommand(["--model", model, "--data", a], {
      stdout: (s) => { writeSync(fd, s); }, stderr: (s) => { err.push(s); },
    });
    const ms = performance.now() - t0;
    closeSync(fd);
    if (code !== 0) throw new Error(`crossexam predict exited with ${code}: ${err.join("")}`);
    process.stdout.write(JSON.stringify({ ms, rss: { before, peak: peak() } }) + "\n");
    return;
  }
  if (mode === "load") {
    const before = settle();
    const t0 = performance.now();
    const { table, schema } = await loadTable(a);
    const batch = toBatch(table, table.columnNames(), schema);
    const ms = performance.now() - t0;
    let payload = 0;
    for (const col of Object.values(batch.columns)) payload += ArrayBuffer.isView(col) ? col.byteLength : col.length * 8;
    process.stdout.write(JSON.stringify({ ms, rows: batch.n, payload, rss: { before, peak: peak() } }) + "\n");
    return;
  }
  if (mode === "floor") {
    const pw = await parquetWasm();
    const before = settle();
    const t0 = performance.now();
    const ipc = pw.readParquet(new Uint8Array(readFileSync(a))).intoIPCStream();
    const ms = performance.now() - t0;
    process.stdout.write(JSON.stringify({ ms, bytes: ipc.length, rss: { before, peak: peak() } }) + "\n");
    return;
  }
  throw new Error(`unknown mode \`${mode}\`: use predict, load, floor or make-parquet`);
}

await main();
