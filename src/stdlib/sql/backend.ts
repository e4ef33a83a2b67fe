// What the SQL engine needs from a DuckDB instance, the same in Node and in the browser: both hosts
// run @duckdb/duckdb-wasm (its blocking Node build headless, its worker build in the page), each
// wrapped to this shape by duckdb-node.ts / duckdb-browser.ts. Results travel as Arrow IPC bytes,
// which arquero reads directly (no row objects in between).

export interface DuckBackend {
  /** runs one statement with `?` parameters bound in order; the result as Arrow IPC */
  query(sql: string, params: unknown[]): Promise<Uint8Array>;
  /** runs statements with no parameters and no result we need */
  exec(sql: string): Promise<void>;
  /** creates table `name` from Arrow IPC (stream format) */
  insertArrow(name: string, ipc: Uint8Array): Promise<void>;
  /** makes `bytes` readable as the file `name` (`FROM 'name'`, `read_parquet('name')`) */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  /** stops the running query if the engine can (the worker build can; the blocking build runs to the end) */
  cancel(): Promise<void>;
}

/** Opens DuckDB; the engine calls it once, when the notebook's first sql cell runs. */
export type DuckOpener = () => Promise<DuckBackend>;

/** DuckDB's open options, as Notebook Kit's DuckDBClient sets them: numbers arrive as JS numbers. */
export const DUCKDB_CONFIG = {
  query: { castBigIntToDouble: true, castDecimalToDouble: true },
};

/**
 * Statements every new DuckDB runs first. duckdb-wasm fetches extensions (parquet, json, …) from
 * DuckDB's servers when a query needs one; crossexam downloads nothing at run time, so autoloading
 * is off and a query that needs an extension gets DuckDB's own error instead of a network request.
 */
export const DUCKDB_SETUP = [
  "SET autoinstall_known_extensions = false",
  "SET autoload_known_extensions = false",
];
