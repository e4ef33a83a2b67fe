// src/data: loading tables, their feature types, and the samples and batches explainers read.
export { loadTable } from "./load-table";
export type { LoadOptions, LoadReport, Loaded } from "./load-table";
export type { Source } from "./read-source";
export type { Format } from "./formats";
export { FORMATS, resolveFormat } from "./formats";
export { inferSchema } from "./infer-schema";
export { applySchema } from "./apply-schema";
export { columnSchema, DEFAULT_NA } from "./schema";
export type { ColumnSchema, FeatureType, Schema, SchemaOptions, ValueKind } from "./schema";
export { requireColumns, requireTarget } from "./require-columns";
export { toBatch } from "./to-batch";
export { sample, allocate } from "./sample";
export type { Sample, SampleOptions } from "./sample";
export { DataError } from "./errors";
export type { DataErrorKind, DataErrorDetails } from "./errors";
export { parquetWasm } from "./parquet-wasm";
