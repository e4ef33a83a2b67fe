// What we know about a table's columns: the feature type the explainers use, what the cells
// hold, and how many are missing. Plain data, so notebooks can show and serialise it.

/** How a column enters a model or an explanation. */
export type FeatureType = "numeric" | "categorical" | "boolean" | "id" | "target";

/** What the cells of a column hold once the schema is applied. */
export type ValueKind = "number" | "string" | "boolean" | "date" | "empty";

export interface ColumnSchema {
  name: string;
  type: FeatureType;
  values: ValueKind;
  /** cells that are null, NaN, empty, or one of the `na` markers */
  missing: number;
  /** distinct non-missing values */
  distinct: number;
  /** sorted levels of categorical and boolean columns (and of a categorical target), when at most 100 */
  levels?: string[];
}

export interface Schema {
  rows: number;
  columns: ColumnSchema[];
  /** the target column, when one was named */
  target?: string;
  /** names of the numeric, categorical and boolean columns, in table order: what models may read */
  features: string[];
  /** things worth telling the user that are not errors */
  warnings: string[];
}

export interface SchemaOptions {
  /** declared types, overriding inference */
  types?: Record<string, FeatureType>;
  /** the column to predict */
  target?: string;
  /** text markers of a missing value; default ["", "NA"] (what R and most tools write) */
  na?: readonly string[];
}

export const DEFAULT_NA: readonly string[] = ["", "NA"];

/** The schema entry of `name`, or undefined. */
export function columnSchema(schema: Schema, name: string): ColumnSchema | undefined {
  return schema.columns.find((c) => c.name === name);
}
