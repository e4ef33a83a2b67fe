import { describe, expect, test } from "vitest";
import { sqlReferences } from "../../src/runtime/sql-references";

describe("sqlReferences(sql) finds what a query names", () => {
  test("bare and double-quoted tables after FROM, JOIN and commas in a FROM list", () => {
    expect(sqlReferences(`SELECT * FROM a, d JOIN "b c" ON a.x = "b c".x WHERE y IN (SELECT y FROM e)`).tables)
      .toEqual(["a", "d", "b c", "e"]);
  });

  test("quoted data files anywhere, and no table for a function call or a schema-qualified name", () => {
    const refs = sqlReferences("SELECT * FROM read_csv('x.csv') JOIN 'big.parquet' USING (id) JOIN main.t USING (id)");
    expect(refs.files).toEqual(["x.csv", "big.parquet"]);
    expect(refs.tables).toEqual([]); // quoted files are files, not tables a cell defines
  });

  test("words in comments and strings are not tables", () => {
    expect(sqlReferences("-- FROM hidden\nSELECT 'FROM nope' AS s /* FROM gone */ FROM real").tables).toEqual(["real"]);
  });
});
