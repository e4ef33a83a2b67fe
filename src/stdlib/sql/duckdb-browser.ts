// DuckDB in the page: @duckdb/duckdb-wasm's worker build. Vite bundles the worker script and the
// wasm from node_modules as assets of the site (no CDN; the published site carries both files).
// This module is imported dynamically, when a notebook's first sql cell runs.
import * as duckdb from "@duckdb/duckdb-wasm";
import ehWasm from "@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url";
import ehWorker from "@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url";
import { DUCKDB_CONFIG, DUCKDB_SETUP, type DuckBackend } from "./backend";

export async function openBrowserDuckDB(): Promise<DuckBackend> {
  // only the "eh" build (wasm exceptions: every current browser): each build is a 30 MB file
  const worker = new Worker(absolute(ehWorker));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(absolute(ehWasm));
  await db.open(DUCKDB_CONFIG);
  const conn = await db.connect();
  const id = conn.useUnsafe((_, c) => c);
  for (const statement of DUCKDB_SETUP) await db.runQuery(id, statement);
  return {
    async query(sql, params) {
      if (!params.length) return db.runQuery(id, sql);
      const statement = await db.createPrepared(id, sql);
      try {
        return await db.runPrepared(id, statement, params);
      } finally {
        await db.closePrepared(id, statement);
      }
    },
    async exec(sql) { await db.runQuery(id, sql); },
    async insertArrow(name, ipc) { await db.insertArrowFromIPCStream(id, ipc, { name, schema: "main", create: true }); },
    async registerFile(name, bytes) { await db.registerFileBuffer(name, bytes); },
    async cancel() { await db.cancelPendingQuery(id); },
  };
}

// the page's URLs are relative to the document; the worker needs them absolute
function absolute(url: string): string {
  return new URL(url, location.href).href;
}
