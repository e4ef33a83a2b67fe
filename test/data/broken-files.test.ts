// A corpus of broken files (test/data/corpus): each fails with a message that says what and where.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { DataError, loadTable } from "../../src/data";
import type { LoadOptions } from "../../src/data";

const corpus = (name: string) => new URL(`corpus/${name}`, import.meta.url).pathname;

async function failure(file: string, options?: LoadOptions): Promise<DataError> {
  try {
    await loadTable(corpus(file), options);
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error(`${file} loaded without an error`);
}

describe("broken files are refused with a precise message", () => {
  test("ragged rows: the first short or long line, its field count and the header's, and the other ragged lines", async () => {
    const e = await failure("ragged.csv");
    expect(e.message).toContain("line 4 has 2 fields, the header has 3; 1 more line is ragged: 6");
    expect(e).toMatchObject({ kind: "ragged", line: 4, lines: [4, 6] });
  });

  test("a column declared numeric that holds text: data rows (1-based), how many more, and the text", async () => {
    const e = await failure("numeric-with-text.csv", { types: { age: "numeric" } });
    expect(e.message).toContain('column `age` is numeric but data rows 3, 17, 20 (and 4 more) hold text ("n/a", "?", "unknown")');
    expect(e.message).toContain("counted from 1 after the header");
    expect(e).toMatchObject({ kind: "type", column: "age", rows: [3, 17, 20, 25, 26, 30, 31] });
    // the rows named are data rows: the file line is one more (the header)
    const lines = readFileSync(corpus("numeric-with-text.csv"), "utf8").split("\n");
    expect(e.rows!.map((r) => lines[r].split(",")[1])).toEqual(["n/a", "?", "n/a", "?", "unknown", "n/a", "?"]);
  });

  test("the same column, undeclared, loads as categorical with a warning naming the rows", async () => {
    const { schema, report } = await loadTable(corpus("numeric-with-text.csv"));
    expect(schema.columns.find((c) => c.name === "age")!.type).toBe("categorical");
    expect(report.warnings.join("\n")).toContain("column `age` looks numeric but data rows 3, 17, 20 (and 4 more) hold text");
  });

  test("an empty file", async () => {
    const e = await failure("empty.csv");
    expect(e.message).toMatch(/empty file$/);
    expect(e.kind).toBe("empty");
  });

  test("a header with no rows", async () => {
    const e = await failure("header-only.csv");
    expect(e.message).toContain("the file has a header (`age`, `sex`, `death`) but no data rows");
    expect(e.kind).toBe("no-rows");
  });

  test("a missing target column lists the columns the table has", async () => {
    const e = await failure("missing-target.csv", { target: "death" });
    expect(e.message).toBe("missing target column `death`; the table has: age, sex, smoker");
    expect(e).toMatchObject({ kind: "missing-column", column: "death" });
  });

  test("an unsupported extension names it and the formats we read", async () => {
    const e = await failure("data.xlsx");
    expect(e.message).toBe("unsupported format `.xlsx`; use csv, tsv, json, arrow or parquet");
  });

  test("a truncated Parquet file", async () => {
    const e = await failure("truncated.parquet");
    expect(e.message).toContain("truncated Parquet file");
    expect(e.kind).toBe("invalid-parquet");
  });

  test("a Parquet file whose footer is intact but whose body is damaged", async () => {
    const bytes = new Uint8Array(readFileSync(corpus("people.parquet")));
    const tail = bytes.length - 8; // keep PAR1 at both ends, break the footer length
    bytes[tail] = 0xff; bytes[tail + 1] = 0xff;
    await expect(loadTable(bytes, { format: "parquet" })).rejects.toMatchObject({ kind: "invalid-parquet", message: expect.stringContaining("unreadable Parquet file") });
  });

  test("a text file named .parquet", async () => {
    const e = await failure("not-parquet.parquet");
    expect(e.message).toContain("not a Parquet file: it does not start with the `PAR1` marker");
  });

  test("a truncated Arrow file", async () => {
    const bytes = readFileSync(corpus("people.arrow")).subarray(0, 300);
    await expect(loadTable(new Uint8Array(bytes), { format: "arrow" })).rejects.toMatchObject({ kind: "invalid-arrow" });
  });

  test("invalid JSON: line, column and what was expected", async () => {
    const e = await failure("invalid.json");
    expect(e.message).toContain("invalid JSON at line 3, column 21: expected a property name in double quotes, found `}`");
    expect(e).toMatchObject({ kind: "invalid-json", line: 3 });
  });

  test("JSON columns of unequal length", async () => {
    const e = await failure("unequal-columns.json");
    expect(e.message).toContain("column `b` has 2 values but column `a` has 3");
  });

  test("a JSON array that does not hold row objects", async () => {
    const e = await failure("array-of-arrays.json");
    expect(e.message).toContain("element 1 of the JSON array is an array; expected an array of row objects");
  });

  test("a quote that is never closed names the line it opens on", async () => {
    const e = await failure("unterminated-quote.csv");
    expect(e.message).toContain("line 3 opens a quoted field that is never closed");
  });

  test("a header that names a column twice", async () => {
    const e = await failure("duplicate-header.csv");
    expect(e.message).toContain("the header names column `a` twice (fields 1 and 3)");
  });

  test("errors say which file failed", async () => {
    const e = await failure("ragged.csv");
    expect(e.message.startsWith(corpus("ragged.csv") + ": ")).toBe(true);
  });
});
