// Turning what a cell defines into Arrow IPC that DuckDB can load as a table: arquero tables as they
// are, Apache Arrow tables and arrays of row objects through arquero. Anything else is not a table.
import * as aq from "arquero";

type ArqueroLike = { toArrowIPC(options?: object): Uint8Array };
type ArrowLike = { schema: { fields: unknown[] }; getChild(name: string): unknown };

/** Arrow IPC (stream format) for a table-like value, or null when the value is not a table. */
export function tableIPC(value: unknown): Uint8Array | null {
  if (isArquero(value)) return value.toArrowIPC({ format: "stream" });
  if (isArrow(value)) return aq.fromArrow(value as never).toArrowIPC({ format: "stream" });
  if (Array.isArray(value) && value.length > 0 && value.every((row) => row !== null && typeof row === "object")) {
    return aq.from(value).toArrowIPC({ format: "stream" });
  }
  return null;
}

/** What a value is, for a message saying why it could not be queried. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length ? "an array of non-objects" : "an empty array";
  return typeof value === "object" ? (value.constructor?.name ?? "an object") : `a ${typeof value}`;
}

function isArquero(value: unknown): value is ArqueroLike {
  return typeof (value as ArqueroLike | null)?.toArrowIPC === "function";
}

function isArrow(value: unknown): value is ArrowLike {
  const v = value as ArrowLike | null;
  return !!v && Array.isArray(v.schema?.fields) && typeof v.getChild === "function";
}
