// SQL cells on DuckDB: what the standard library hands sql cells (the runtime's SQL_HOST), one
// engine per notebook. The host chooses how DuckDB is opened: the page passes the browser's worker
// build; headless, the Node build is the default.
import type { SqlHost } from "../../runtime/compile-sql";
import type { ReadBytes } from "../../runtime/library";
import type { DuckOpener } from "./backend";
import { openNodeDuckDB } from "./duckdb-node";
import { SqlEngine } from "./engine";
import { sqlTableView } from "./table-view";

export type { DuckBackend, DuckOpener } from "./backend";
export { SqlEngine, SupersededError, type SqlQuery } from "./engine";
export { SqlError } from "./sql-error";

export function sqlHost({ base, read, open = openNodeDuckDB }: { base: URL; read: ReadBytes; open?: DuckOpener }): SqlHost & { engine: SqlEngine } {
  const engine = new SqlEngine({ base, read, open });
  return { engine, query: (request) => engine.query(request), view: sqlTableView };
}
