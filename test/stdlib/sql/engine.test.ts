// sql cells on a real DuckDB (duckdb-wasm's Node build), in one notebook runtime per test and one
// DuckDB for the whole file (opening it compiles 34 MB of wasm).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tableFromArrays, tableToIPC } from "apache-arrow";
import * as aq from "arquero";
import { afterEach, describe, expect, test } from "vitest";
import { parquetWasm } from "../../../src/data/parquet-wasm";
import type { Cell } from "../../../src/notebook";
import { NotebookRuntime } from "../../../src/runtime";
import { fileBase, installDomGlobals, readFileBytes } from "../../../src/runtime/node-host";
import { standardLibrary } from "../../../src/stdlib";
import type { DuckOpener } from "../../../src/stdlib/sql";
import { openNodeDuckDB } from "../../../src/stdlib/sql/duckdb-node";
import { SqlEngine, SupersededError } from "../../../src/stdlib/sql/engine";
import { scratchDir } from "../../scratch-dir";

installDomGlobals();

const dir = scratchDir("cx-sql-");
writeFileSync(join(dir, "people.csv"), "name,age\nAda,36\nBrook,21\nCy,58\n");

// one DuckDB for every runtime of this file (each notebook normally opens its own)
let shared: ReturnType<DuckOpener> | undefined;
let opens = 0;
const open: DuckOpener = () => { opens++; return (shared ??= openNodeDuckDB()); };

let rt: NotebookRuntime;
afterEach(() => rt?.dispose());

function runtime(): NotebookRuntime {
  return new NotebookRuntime(standardLibrary({ base: fileBase(join(dir, "notebook.html")), read: readFileBytes, duckdb: open }));
}

const cell = (id: number, value: string, mode: Cell["mode"] = "js", extra: Partial<Cell> = {}): Cell =>
  ({ id, mode, value, pinned: false, hidden: false, ...extra });

async function fulfilled(id: number): Promise<unknown> {
  await rt.idle(120_000);
  const s = rt.state(id)!.status;
  if (s.state !== "fulfilled") throw new Error(`cell ${id} is ${s.state}${s.state === "rejected" ? `: ${s.error.message}` : ""}`);
  return s.value;
}

function errorOf(id: number): string {
  const s = rt.state(id)!.status;
  return s.state === "rejected" ? s.error.message : `(cell ${id} is ${s.state})`;
}

describe("sql cells on DuckDB", () => {
  test("a notebook with no sql cell never opens DuckDB", async () => {
    rt = runtime();
    rt.load([cell(1, "1 + 1")]);
    expect(await fulfilled(1)).toBe(2);
    expect(opens).toBe(0);
  });

  test("a sql cell queries an arquero table a cell defines, by its name; its output is an arquero table", async () => {
    rt = runtime();
    rt.load([
      cell(1, "const scores = aq.table({who: ['a', 'b', 'c'], score: [3, 9, 6]});"),
      cell(2, "SELECT who, score * 2 AS twice FROM scores WHERE score > 4 ORDER BY who", "sql", { output: "high" }),
      cell(3, "high.array('twice')"),
    ]);
    const result = await fulfilled(2) as aq.ColumnTable;
    expect(result.objects()).toEqual([{ who: "b", twice: 18 }, { who: "c", twice: 12 }]);
    expect(await fulfilled(3)).toEqual([18, 12]);
    expect(rt.state(2)!.inputs).toContain("scores");
    expect(rt.state(2)!.outputs).toEqual(["high"]);
  }, 120_000);

  test("the display is a table of the result's rows", async () => {
    rt = runtime();
    rt.load([cell(1, "SELECT 1 AS one, 'x' AS letter", "sql")]);
    await fulfilled(1);
    const shown = rt.state(1)!.displayed;
    expect(shown).toHaveLength(1);
    const el = shown[0] as HTMLElement;
    expect(el.querySelector("table")).not.toBeNull();
    expect(el.textContent).toMatch(/one/);
    expect(el.textContent).toMatch(/letter/);
  });

  test("a hidden sql cell displays nothing and still defines its output", async () => {
    rt = runtime();
    rt.load([cell(1, "SELECT 42 AS answer", "sql", { output: "r", hidden: true }), cell(2, "r.get('answer', 0)")]);
    expect(await fulfilled(2)).toBe(42);
    expect(rt.state(1)!.displayed).toEqual([]);
  });

  test("a CSV file named in quotes is read by DuckDB itself", async () => {
    rt = runtime();
    rt.load([cell(1, "SELECT name FROM 'people.csv' WHERE age > 30 ORDER BY name", "sql")]);
    expect((await fulfilled(1) as aq.ColumnTable).array("name")).toEqual(["Ada", "Cy"]);
  });

  test("a Parquet file is queried without passing through arquero", async () => {
    const pw = await parquetWasm();
    const n = 20_000;
    const arrow = tableFromArrays({ id: Int32Array.from({ length: n }, (_, i) => i), g: Float64Array.from({ length: n }, (_, i) => i % 7) });
    writeFileSync(join(dir, "big.parquet"), pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(arrow, "stream"))));
    rt = runtime();
    rt.load([cell(1, "SELECT g, count(*) AS n FROM 'big.parquet' GROUP BY g ORDER BY g", "sql")]);
    const result = await fulfilled(1) as aq.ColumnTable;
    expect(result.numRows()).toBe(7);
    expect(result.array("n")).toEqual([2858, 2857, 2857, 2857, 2857, 2857, 2857]);
  });

  test("an interpolation is bound as a parameter, never pasted into the text", async () => {
    rt = runtime();
    rt.load([
      cell(1, "const people = aq.table({name: ['Ada', \"O'Neil\"], age: [36, 40]});"),
      cell(2, "const who = \"O'Neil\";"),
      cell(3, "SELECT age FROM people WHERE name = ${who}", "sql"),
    ]);
    // a pasted quote would break the query; a bound one matches the row
    expect((await fulfilled(3) as aq.ColumnTable).array("age")).toEqual([40]);
    rt.define(cell(2, "const who = 'Ada';"));
    await rt.idle();
    expect((await fulfilled(3) as aq.ColumnTable).array("age")).toEqual([36]);
  });

  test("editing the table a query reads runs the query again", async () => {
    rt = runtime();
    rt.load([cell(1, "const t = aq.table({v: [1, 2]});"), cell(2, "SELECT sum(v) AS s FROM t", "sql", { output: "total" })]);
    expect((await fulfilled(2) as aq.ColumnTable).get("s", 0)).toBe(3);
    rt.define(cell(1, "const t = aq.table({v: [10, 20, 30]});"));
    expect((await fulfilled(2) as aq.ColumnTable).get("s", 0)).toBe(60);
  });

  test("a syntax error shows DuckDB's message and the cell's line", async () => {
    rt = runtime();
    rt.load([cell(1, "SELECT 1\nFORM nowhere", "sql")]);
    await rt.idle(120_000);
    expect(errorOf(1)).toMatch(/^Parser Error: syntax error at or near "nowhere" at line 2$/);
  });

  test("a DuckDB extension (read_parquet) is never downloaded: the error says to name the file instead", async () => {
    rt = runtime();
    rt.load([cell(1, "SELECT * FROM read_parquet('people.csv')", "sql")]);
    await rt.idle(120_000);
    expect(errorOf(1)).toMatch(/parquet extension.*loads no DuckDB extensions.*FROM 'data.parquet'/);
  });

  test("an unknown table says which names are registered", async () => {
    rt = runtime();
    rt.load([cell(1, "const known = aq.table({x: [1]});"), cell(2, "SELECT * FROM known", "sql")]);
    await fulfilled(2);
    rt.define(cell(3, "SELECT * FROM\n  missing_table", "sql"));
    await rt.idle(120_000);
    expect(errorOf(3)).toMatch(/Table with name missing_table does not exist\. Tables this notebook registered: .*\bknown\b.* at line 2$/);
  });

  test("a superseded run's query is dropped: queued behind another, it never runs", async () => {
    const engine = new SqlEngine({ base: fileBase(join(dir, "notebook.html")), read: readFileBytes, open });
    let supersede!: () => void;
    const invalidation = new Promise<void>((resolve) => { supersede = resolve; });
    const first = engine.query({ strings: ["SELECT 1 AS a"], params: [], tables: {} });
    const stale = engine.query({ strings: ["SELECT 2 AS a"], params: [], tables: {}, invalidation });
    supersede(); // the cell's inputs changed while the query waited its turn
    expect((await first).get("a", 0)).toBe(1);
    await expect(stale).rejects.toBeInstanceOf(SupersededError);
  });

  test("editing the input a query reads while it runs shows only the newest result", async () => {
    rt = runtime();
    rt.load([cell(1, "const k = 1;"), cell(2, "SELECT ${k} * 10 AS v", "sql", { output: "r" })]);
    rt.define(cell(1, "const k = 2;"));
    rt.define(cell(1, "const k = 3;"));
    expect((await fulfilled(2) as aq.ColumnTable).get("v", 0)).toBe(30);
  });
});
