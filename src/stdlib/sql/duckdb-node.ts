// DuckDB headless: @duckdb/duckdb-wasm's blocking Node build, the same engine (and wasm) the
// browser runs. Specifiers are computed so that Vite, bundling the standard library for the page,
// never follows them into Node-only code.
import { nodeImport } from "../../data/node-import";
import { DUCKDB_CONFIG, DUCKDB_SETUP, type DuckBackend } from "./backend";

interface BlockingBindings {
  instantiate(): Promise<unknown>;
  open(config: object): void;
  connect(): { useUnsafe<R>(f: (db: unknown, id: number) => R): R };
  createPrepared(conn: number, text: string): number;
  runPrepared(conn: number, statement: number, params: unknown[]): Uint8Array;
  closePrepared(conn: number, statement: number): void;
  runQuery(conn: number, text: string): Uint8Array;
  insertArrowFromIPCStream(conn: number, buffer: Uint8Array, options: object): void;
  registerFileBuffer(name: string, buffer: Uint8Array): void;
}

interface BlockingModule {
  createDuckDB(bundles: object, logger: object, runtime: object): Promise<unknown>;
  VoidLogger: new () => object;
  NODE_RUNTIME: object;
}

const PACKAGE = "@duckdb/duckdb-wasm";

export async function openNodeDuckDB(): Promise<DuckBackend> {
  const duckdb = await nodeImport<BlockingModule>(`${PACKAGE}/blocking`);
  const { fileURLToPath } = await nodeImport<typeof import("node:url")>("node:url");
  const wasm = (file: string) => fileURLToPath(import.meta.resolve(`${PACKAGE}/dist/${file}`));
  const bundles = {
    mvp: { mainModule: wasm("duckdb-mvp.wasm"), mainWorker: "" },
    eh: { mainModule: wasm("duckdb-eh.wasm"), mainWorker: "" },
  };
  const db = (await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME)) as BlockingBindings;
  await db.instantiate();
  db.open(DUCKDB_CONFIG);
  const conn = db.connect().useUnsafe((_, id) => id);
  for (const statement of DUCKDB_SETUP) db.runQuery(conn, statement);
  // every call is synchronous here; the async shape matches the browser's worker build
  return {
    async query(sql, params) {
      if (!params.length) return db.runQuery(conn, sql);
      const statement = db.createPrepared(conn, sql);
      try {
        return db.runPrepared(conn, statement, params);
      } finally {
        db.closePrepared(conn, statement);
      }
    },
    async exec(sql) { db.runQuery(conn, sql); },
    async insertArrow(name, ipc) { db.insertArrowFromIPCStream(conn, ipc, { name, schema: "main", create: true }); },
    async registerFile(name, bytes) { db.registerFileBuffer(name, bytes); },
    async cancel() {},
  };
}
