// The one entry point notebooks use: any source → {table, schema, report}, typed and checked.
import type { ColumnTable } from "arquero";
import { applySchema } from "./apply-schema";
import { DataError } from "./errors";
import { resolveFormat } from "./formats";
import type { Format } from "./formats";
import { inferSchema } from "./infer-schema";
import { parseArrow, parseParquet, parseParquetFile } from "./parse-binary";
import { parseDelimited } from "./parse-delimited";
import { parseJson } from "./parse-json";
import { contentBytes, contentChunks, contentRanges, contentSize, contentText, looksLikeText, readSource } from "./read-source";
import type { Source, SourceContent } from "./read-source";
import { DEFAULT_NA } from "./schema";
import type { Schema, SchemaOptions } from "./schema";

export interface LoadOptions extends SchemaOptions {
  /** csv, tsv, json, arrow or parquet; needed when the source has no telling extension (text, bytes) */
  format?: string;
}

export interface LoadReport {
  /** the path, URL or file name, or "text" / "bytes" */
  source: string;
  format: Format;
  rows: number;
  columns: number;
  /** missing cells over all columns (per column: schema.columns[i].missing) */
  missing: number;
  /** size of the input */
  bytes: number;
  ms: number;
  warnings: string[];
}

export interface Loaded {
  table: ColumnTable;
  schema: Schema;
  report: LoadReport;
}

async function parse(format: Format, content: SourceContent, options: LoadOptions): Promise<{ table: ColumnTable; warnings: string[] }> {
  const na = new Set(options.na ?? DEFAULT_NA);
  const types = new Map(Object.entries(options.types ?? {}));
  // declared categories and booleans keep their text ("1.50" stays "1.50")
  const text = (name: string) => types.get(name) === "categorical" || types.get(name) === "boolean";
  switch (format) {
    case "csv": return parseDelimited(contentChunks(content), ",", { na, text });
    case "tsv": return parseDelimited(contentChunks(content), "\t", { na, text });
    case "json": return { table: parseJson(contentText(content)), warnings: [] };
    case "arrow": return { table: parseArrow(contentBytes(content)), warnings: [] };
    case "parquet": return { table: await parquetOf(content), warnings: [] };
  }
}

/** A Parquet file is read by position, group by group; bytes already in memory as they are. */
async function parquetOf(content: SourceContent): Promise<ColumnTable> {
  const file = contentRanges(content);
  if (!file) return parseParquet(contentBytes(content));
  try {
    return await parseParquetFile(file, () => contentBytes(content));
  } finally {
    file.close();
  }
}

/**
 * Load a table from a URL, a file path (Node), bytes, a Blob/File, or `{text}`; the format comes
 * from `options.format` or the name's extension. Types are inferred from every value (or taken
 * from `options.types`), missing markers (`options.na`) become null, and the target is checked.
 * Throws a DataError whose message names the line, rows or column at fault.
 */
export async function loadTable(source: Source, options: LoadOptions = {}): Promise<Loaded> {
  const t0 = performance.now();
  if (typeof source === "string" && looksLikeText(source)) source = { text: source };
  const content = await readSource(source);
  const format = resolveFormat(content.name, options.format);
  const where = content.name ?? (content.text !== undefined ? "text" : "bytes");
  let parsed: { table: ColumnTable; warnings: string[] };
  try {
    parsed = await parse(format, content, options);
  } catch (e) {
    // say which source failed: a notebook may load several
    if (e instanceof DataError && content.name) e.message = `${content.name}: ${e.message}`;
    throw e;
  }
  const schema = inferSchema(parsed.table, options);
  const table = applySchema(parsed.table, schema, options.na ?? DEFAULT_NA);
  const warnings = [...parsed.warnings, ...schema.warnings];
  const report: LoadReport = {
    source: where,
    format,
    rows: table.numRows(),
    columns: table.numCols(),
    missing: schema.columns.reduce((s, c) => s + c.missing, 0),
    bytes: contentSize(content),
    ms: performance.now() - t0,
    warnings,
  };
  return { table, schema, report };
}
