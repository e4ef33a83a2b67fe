// The row counts of a Parquet file, read from its footer (Thrift compact protocol, decoded by
// parquet-thrift.ts) without decoding any data: FileMetaData.num_rows (field 3) and each RowGroup's
// num_rows (field 3 of field 4's structs). Every read is bounds-checked, so a damaged footer is refused
// here, not half-parsed.
import { readStruct, T, type TStruct, type TValue } from "./parquet-thrift";

export interface ParquetRows {
  rows: number;
  groups: number[];
}

/** Field `id` of `s` as a row count, when it is an I64 that fits a JavaScript number. */
function countField(s: TStruct, id: number): number | undefined {
  const f = s.fields.find((x) => x.id === id);
  if (!f || f.type !== T.I64) return undefined;
  const v = f.value as bigint;
  if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`the footer holds a row count out of range (${v})`);
  return Number(v);
}

/** Row counts from the footer of a Parquet file (which starts and ends with PAR1); throws on damage. */
export function parquetRows(bytes: Uint8Array): ParquetRows {
  const n = bytes.length;
  const length = bytes[n - 8] | (bytes[n - 7] << 8) | (bytes[n - 6] << 16) | (bytes[n - 5] << 24);
  const start = n - 8 - length;
  if (!(length > 0 && start >= 4)) throw new Error(`the footer length (${length}) is out of range`);
  // bytes after the footer's last field are let be, as Parquet readers do
  const meta = readStruct(bytes, start, n - 8, { trailing: true });
  const rows = countField(meta, 3);
  if (rows === undefined) throw new Error("the footer does not say how many rows the file holds");
  const groups: number[] = [];
  const list = meta.fields.find((f) => f.id === 4 && f.type === T.LIST);
  if (list) {
    const { elem, items } = list.value as { elem: number; items: TValue[] };
    if (elem !== T.STRUCT) throw new Error("the footer's row groups are not records");
    items.forEach((g, k) => {
      const groupRows = countField(g as TStruct, 3);
      if (groupRows === undefined) throw new Error(`row group ${k + 1} does not say how many rows it holds`);
      groups.push(groupRows);
    });
  }
  return { rows, groups };
}
