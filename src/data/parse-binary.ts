// Arrow IPC and Parquet bytes → arquero tables, with errors that say what is wrong with the file.
import { fromArrow } from "arquero";
import type { ColumnTable } from "arquero";
import { DataError } from "./errors";
import { parquetWasm } from "./parquet-wasm";

const PAR1 = [0x50, 0x41, 0x52, 0x31];

function endsWith(bytes: Uint8Array, tail: number[], at: number): boolean {
  return tail.every((b, k) => bytes[at + k] === b);
}

function reason(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/^Parquet error:\s*/i, "");
}

export function parseArrow(bytes: Uint8Array): ColumnTable {
  if (bytes.length === 0) throw new DataError("empty file", { kind: "empty" });
  try {
    return fromArrow(bytes);
  } catch (e) {
    throw new DataError(`not a readable Arrow IPC file or stream (truncated or another format?): ${reason(e)}`, { kind: "invalid-arrow" });
  }
}

export async function parseParquet(bytes: Uint8Array): Promise<ColumnTable> {
  if (bytes.length === 0) throw new DataError("empty file", { kind: "empty" });
  // a Parquet file starts and ends with PAR1; a missing tail is the usual sign of a cut-off download
  if (bytes.length < 12 || !endsWith(bytes, PAR1, 0)) {
    throw new DataError("not a Parquet file: it does not start with the `PAR1` marker", { kind: "invalid-parquet" });
  }
  if (!endsWith(bytes, PAR1, bytes.length - 4)) {
    throw new DataError(`truncated Parquet file: the ${bytes.length} bytes do not end with the \`PAR1\` footer marker`, { kind: "invalid-parquet" });
  }
  const pw = await parquetWasm();
  let ipc: Uint8Array;
  try {
    const wasmTable = pw.readParquet(bytes);
    ipc = wasmTable.intoIPCStream();
  } catch (e) {
    throw new DataError(`unreadable Parquet file: ${reason(e)}`, { kind: "invalid-parquet" });
  }
  return parseArrow(ipc);
}
