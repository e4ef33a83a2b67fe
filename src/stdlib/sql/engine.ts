// Responsible for: one DuckDB per notebook, opened when the first sql cell runs (never before),
// and for each query, making what it names readable first: the tables cells define (arquero,
// Arrow, arrays of rows) under their names, and the files it names in quotes, registered as file
// buffers so DuckDB reads CSV and Parquet itself (a large Parquet file never passes through
// arquero). Queries run one at a time; parameters are bound, never pasted into the text; results
// come back as arquero tables, read straight from DuckDB's Arrow IPC.
import * as aq from "arquero";
import { parquetWasm } from "../../data/parquet-wasm";
import type { ReadBytes } from "../../runtime/library";
import { sqlReferences } from "../../runtime/sql-references";
import type { DuckBackend, DuckOpener } from "./backend";
import { SqlError, sqlError } from "./sql-error";
import { describeValue, tableIPC } from "./table-ipc";

export interface SqlQuery {
  /** the template's text pieces: the query is their join with `?` */
  strings: readonly string[];
  /** the interpolated values, bound to the `?` in order */
  params: unknown[];
  /** values of the names the query reads as tables, from the cells that define them */
  tables: Record<string, unknown>;
  /** resolves when the cell's run is superseded: the query is then stopped or its result dropped */
  invalidation?: Promise<unknown>;
}

export interface SqlEngineOptions {
  /** the notebook's URL: quoted file names resolve against it */
  base: URL;
  read: ReadBytes;
  open: DuckOpener;
}

/** A superseded run's query: the runtime drops its outcome, this says why if anyone looks. */
export class SupersededError extends Error {
  override name = "SupersededError";
  constructor() { super("the cell's inputs changed; this query was stopped"); }
}

export class SqlEngine {
  private backend?: Promise<DuckBackend>;
  /** name → the value registered as that table (re-registered when a cell gives a new value) */
  private readonly tables = new Map<string, unknown>();
  private readonly files = new Map<string, Promise<void>>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SqlEngineOptions) {}

  /** Whether DuckDB was opened (it is only when a sql cell ran). */
  get opened(): boolean {
    return this.backend !== undefined;
  }

  query(request: SqlQuery): Promise<aq.ColumnTable> {
    const run = this.queue.then(() => this.run(request));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Names a query can read: registered tables and files. */
  registered(): string[] {
    return [...this.tables.keys(), ...[...this.files.keys()].map((f) => `'${f}'`)];
  }

  private async run({ strings, params, tables, invalidation }: SqlQuery): Promise<aq.ColumnTable> {
    let superseded = false;
    let running = false;
    void invalidation?.then(() => {
      superseded = true;
      if (running) void this.backend?.then((db) => db.cancel());
    });
    await Promise.resolve(); // an invalidation that already happened is seen here
    if (superseded) throw new SupersededError();
    const db = await (this.backend ??= this.options.open());
    const text = strings.join("?");
    for (const file of sqlReferences(text).files) await this.registerFile(db, file);
    const notTables: string[] = [];
    for (const [name, value] of Object.entries(tables)) {
      if (!(await this.registerTable(db, name, value))) notTables.push(`\`${name}\` is ${describeValue(value)}, not a table`);
    }
    if (superseded) throw new SupersededError();
    let ipc: Uint8Array;
    try {
      running = true;
      ipc = await db.query(text, params.map(bindable));
    } catch (error) {
      if (superseded) throw new SupersededError();
      const e = sqlError(error, this.registered());
      throw notTables.length ? new SqlError(`${e.message} (${notTables.join("; ")})`, e.line) : e;
    } finally {
      running = false;
    }
    if (superseded) throw new SupersededError();
    return aq.fromArrow(ipc);
  }

  private async registerTable(db: DuckBackend, name: string, value: unknown): Promise<boolean> {
    if (this.tables.get(name) === value) return true;
    const ipc = tableIPC(value);
    if (!ipc) return false;
    const quoted = `"${name.replace(/"/g, '""')}"`;
    await db.exec(`DROP TABLE IF EXISTS ${quoted}`);
    await db.insertArrow(name, ipc);
    this.tables.set(name, value);
    return true;
  }

  // Each quoted file is read once per notebook. DuckDB reads CSV itself from the file buffer; its
  // Parquet and JSON readers are extensions that duckdb-wasm would download, so Parquet goes
  // through parquet-wasm straight to Arrow IPC (never through arquero), JSON and Arrow files through
  // arquero, each into a table named as the query names the file ('big.parquet').
  private registerFile(db: DuckBackend, name: string): Promise<void> {
    let done = this.files.get(name);
    if (!done) {
      done = (async () => {
        let bytes: Uint8Array;
        try {
          bytes = await this.options.read(new URL(name, this.options.base));
        } catch (error) {
          throw new SqlError(`cannot read the file '${name}' the query names: ${(error as Error).message}`);
        }
        if (/\.(csv|tsv)$/i.test(name)) return db.registerFile(name, bytes);
        await db.insertArrow(name, await fileIPC(name, bytes));
      })();
      this.files.set(name, done);
      done.catch(() => this.files.delete(name)); // a file that appears later can be read then
    }
    return done;
  }
}

async function fileIPC(name: string, bytes: Uint8Array): Promise<Uint8Array> {
  if (/\.parquet$/i.test(name)) return (await parquetWasm()).readParquet(bytes).intoIPCStream();
  if (/\.json$/i.test(name)) return aq.from(JSON.parse(new TextDecoder().decode(bytes))).toArrowIPC({ format: "stream" });
  return aq.fromArrow(bytes).toArrowIPC({ format: "stream" });
}

// DuckDB binds numbers, strings, booleans and null; a Date is bound as its ISO text
function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value;
}
