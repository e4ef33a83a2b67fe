// loadTable: every format and every kind of source gives the same typed table.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { Float64, Table, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import { describe, expect, test } from "vitest";
import { loadTable } from "../../src/data";

const corpus = (name: string) => new URL(`corpus/${name}`, import.meta.url).pathname;

// people.csv, written out by hand: what every format must load to
const PEOPLE = [
  { age: 34, sex: "F", smoker: true, income: 52000.5, death: 0 },
  { age: 51, sex: "M", smoker: false, income: null, death: 1 },
  { age: null, sex: "F", smoker: true, income: 31000, death: 0 },
  { age: 67, sex: "M", smoker: false, income: 44000.25, death: 1 },
  { age: 45, sex: null, smoker: true, income: 60000, death: 0 },
];

describe("loadTable(path) reads every format to the same values", () => {
  for (const file of ["people.csv", "people.tsv", "people.rows.json", "people.columns.json", "people.arrow", "people.parquet"]) {
    test(file, async () => {
      const { table, schema, report } = await loadTable(corpus(file));
      expect(table.columnNames()).toEqual(["age", "sex", "smoker", "income", "death"]);
      expect(table.objects()).toEqual(PEOPLE);
      expect(schema.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
        ["age", "numeric", 1], ["sex", "categorical", 1], ["smoker", "boolean", 0], ["income", "numeric", 1], ["death", "numeric", 0],
      ]);
      expect(report).toMatchObject({ rows: 5, columns: 5, missing: 3, warnings: [] });
      expect(report.bytes).toBe(readFileSync(corpus(file)).length);
    });
  }
});

describe("loadTable accepts every kind of source", () => {
  const csv = readFileSync(corpus("people.csv"), "utf8");
  const cases: Array<[string, () => Parameters<typeof loadTable>]> = [
    ["a file: URL", () => [pathToFileURL(corpus("people.csv")).href]],
    ["a URL object", () => [pathToFileURL(corpus("people.csv"))]],
    ["a Uint8Array with options.format", () => [new Uint8Array(readFileSync(corpus("people.csv"))), { format: "csv" }]],
    ["an ArrayBuffer with options.format", () => [new Uint8Array(readFileSync(corpus("people.csv"))).slice().buffer, { format: "csv" }]],
    ["a File, format from its name", () => [new File([csv], "people.csv")]],
    ["a Blob with options.format", () => [new Blob([csv]), { format: "csv" }]],
    ["text with options.format", () => [csv, { format: "csv" }]],
    ["{text, name}", () => [{ text: csv, name: "upload.csv" }]],
  ];
  for (const [what, args] of cases) {
    test(what, async () => {
      const { table } = await loadTable(...args());
      expect(table.objects()).toEqual(PEOPLE);
    });
  }

  test("an http URL, and a failing one with its HTTP status", async () => {
    const csv = readFileSync(corpus("people.csv"));
    const server = createServer((req, res) => {
      if (req.url === "/people.csv") res.end(csv);
      else { res.statusCode = 404; res.end(); }
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { table, report } = await loadTable(`${base}/people.csv`);
      expect(table.objects()).toEqual(PEOPLE);
      expect(report.source).toBe(`${base}/people.csv`);
      await expect(loadTable(`${base}/gone.csv`)).rejects.toThrow(`could not fetch ${base}/gone.csv: HTTP 404 Not Found`);
    } finally {
      server.close();
    }
  });

  test("an Arrow IPC stream made by apache-arrow, as bytes", async () => {
    const arrow = new Table({
      x: vectorFromArray([1.5, null, 3], new Float64()),
      s: vectorFromArray(["a", "b", null], new Utf8()),
    });
    const { table, schema } = await loadTable(tableToIPC(arrow, "stream"), { format: "arrow" });
    expect(table.objects()).toEqual([{ x: 1.5, s: "a" }, { x: null, s: "b" }, { x: 3, s: null }]);
    expect(schema.columns.map((c) => c.missing)).toEqual([1, 1]);
  });
});

describe("CSV details", () => {
  test("quoted fields keep delimiters, doubled quotes and line breaks", async () => {
    const { table } = await loadTable('name,note\n"Smith, J","said ""hi""\nthen left"\nLee,plain\n', { format: "csv" });
    expect(table.objects()).toEqual([{ name: "Smith, J", note: 'said "hi"\nthen left' }, { name: "Lee", note: "plain" }]);
  });

  test("CRLF line ends and a byte-order mark are accepted", async () => {
    const { table } = await loadTable(new TextEncoder().encode("\uFEFFa,b\r\n1,x\r\n2,y\r\n"), { format: "csv" });
    expect(table.columnNames()).toEqual(["a", "b"]);
    expect(table.objects()).toEqual([{ a: 1, b: "x" }, { a: 2, b: "y" }]);
  });

  test("blank lines between rows are skipped and reported by line number", async () => {
    const { table, report } = await loadTable("a,b\n1,x\n\n2,y\n\n", { format: "csv" });
    expect(table.numRows()).toBe(2);
    expect(report.warnings).toEqual([expect.stringContaining("line 3")]);
  });

  test("NA and empty fields are missing; other markers only when listed in options.na", async () => {
    const text = "x\n1\nNA\n\n3\n?\n";
    const plain = await loadTable(text, { format: "csv" });
    expect(plain.schema.columns[0]).toMatchObject({ type: "categorical", missing: 1 });
    const listed = await loadTable(text, { format: "csv", na: ["", "NA", "?"] });
    expect(listed.table.array("x")).toEqual([1, null, 3, null]);
    expect(listed.schema.columns[0]).toMatchObject({ type: "numeric", missing: 2 });
  });

  test("types are read from every row, not a prefix: text in row 1500 of a numeric column is caught", async () => {
    const lines = ["x"];
    for (let r = 1; r <= 2000; r++) lines.push(r === 1500 ? "oops" : String(r % 97));
    const text = lines.join("\n");
    const inferred = await loadTable(text, { format: "csv" });
    expect(inferred.schema.columns[0].type).toBe("categorical");
    expect(inferred.report.warnings.join()).toContain("1500");
    await expect(loadTable(text, { format: "csv", types: { x: "numeric" } })).rejects.toMatchObject({ kind: "type", rows: [1500] });
  });

  test("a string naming a missing file is read as a path and says so", async () => {
    await expect(loadTable("no/such/file.csv")).rejects.toThrow("could not read `no/such/file.csv`: no such file");
  });
});
