// Column names are data: a table whose columns are named like Object.prototype's own properties loads
// from every format, becomes a model batch and is scored, exactly like any other table.
import { Float64, Table, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadTable, parquetWasm, sample, toBatch } from "../../src/data";
import { loadModel } from "../../src/model";

const MODELS = new URL("../fixtures/models/", import.meta.url).pathname;
const expected = JSON.parse(readFileSync(`${MODELS}expected.json`, "utf8")).tree_regressor;
const X = expected.inputs.float_input as (number | null)[][];
const NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty"];
// the model reads three of them, in this order; hasOwnProperty is text
const FEATURES = ["__proto__", "constructor", "toString"];
const LABELS = ["a", "b", null, "valueOf", "a"];
const column = (name: string): (number | string | null)[] =>
  name === "hasOwnProperty" ? LABELS : X.map((row) => row[FEATURES.indexOf(name)]);

function csv(delimiter: string): string {
  const rows = X.map((_, r) => NAMES.map((n) => column(n)[r] ?? "").join(delimiter));
  return [NAMES.join(delimiter), ...rows].join("\n") + "\n";
}

function rowsJson(): string {
  // JSON.parse makes "__proto__" an own key, as a file written by any other tool would
  return "[" + X.map((_, r) => "{" + NAMES.map((n) => `${JSON.stringify(n)}: ${JSON.stringify(column(n)[r])}`).join(", ") + "}").join(",\n") + "]";
}

function columnsJson(): string {
  return "{" + NAMES.map((n) => `${JSON.stringify(n)}: ${JSON.stringify(column(n))}`).join(", ") + "}";
}

function arrowTable(): Table {
  const vectors = Object.create(null);
  for (const n of NAMES) vectors[n] = n === "hasOwnProperty" ? vectorFromArray(LABELS, new Utf8()) : vectorFromArray(column(n), new Float64());
  return new Table(vectors);
}

async function parquet(): Promise<Uint8Array> {
  const pw = await parquetWasm();
  return pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(arrowTable(), "stream")));
}

const sources: Array<[string, () => Promise<Parameters<typeof loadTable>>]> = [
  ["CSV", async () => [csv(","), { format: "csv" }]],
  ["TSV", async () => [csv("\t"), { format: "tsv" }]],
  ["JSON rows", async () => [rowsJson(), { format: "json" }]],
  ["JSON columns", async () => [columnsJson(), { format: "json" }]],
  ["Arrow file", async () => [tableToIPC(arrowTable(), "file"), { format: "arrow" }]],
  ["Arrow stream", async () => [tableToIPC(arrowTable(), "stream"), { format: "arrow" }]],
  ["Parquet", async () => [await parquet(), { format: "parquet" }]],
];

describe("columns named constructor, __proto__, toString, hasOwnProperty", () => {
  for (const [format, args] of sources) {
    test(`${format}: load → schema → batch → prediction`, async () => {
      const { table, schema, report } = await loadTable(...(await args()));
      expect(table.columnNames()).toEqual(NAMES);
      expect(table.numRows()).toBe(5);
      expect(report).toMatchObject({ rows: 5, columns: 4 });
      expect(schema.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
        ["constructor", "numeric", 0], ["__proto__", "numeric", 0], ["toString", "numeric", 1], ["hasOwnProperty", "categorical", 1],
      ]);
      for (const n of NAMES) expect(table.array(n)).toEqual(column(n));

      const batch = toBatch(table, NAMES, schema);
      expect(Object.keys(batch.columns)).toEqual(NAMES);
      expect(Array.from(batch.columns["__proto__"] as Float64Array)).toEqual(X.map((r) => r[0]));
      expect(batch.columns["hasOwnProperty"]).toEqual(LABELS);

      // toString has a missing value in row 3, which the tree model routes down its missing branch
      const model = await loadModel(`${MODELS}tree_regressor.onnx`, { features: FEATURES, allowMissing: true });
      try {
        expect(Array.from(await model.predict(toBatch(table, model.features, schema)))).toEqual(expected.outputs.variable);
      } finally {
        await model.dispose();
      }
    });
  }

  test("declared types and samples keep the names", async () => {
    const { table, schema } = await loadTable(csv(","), { format: "csv", types: { ["__proto__"]: "categorical" as const, constructor: "numeric" as const } });
    expect(schema.columns.find((c) => c.name === "__proto__")?.type).toBe("categorical");
    // a name that is not a column, but is a property of every object, is still not a column
    await expect(loadTable(csv(","), { format: "csv", types: { valueOf: "numeric" as const } })).rejects.toThrow("options.types names `valueOf`, which the table lacks");
    const picked = sample(table, 3, { seed: 1, stratify: "hasOwnProperty" });
    expect(picked.table.columnNames()).toEqual(NAMES);
    expect(picked.table.array("__proto__")).toEqual(Array.from(picked.rows, (r) => String(X[r][0])));
  });

  test("a text column named __proto__ in Arrow and Parquet keeps its values", async () => {
    const vectors = Object.create(null);
    vectors["__proto__"] = vectorFromArray(["a", null, "b"], new Utf8());
    const ipc = tableToIPC(new Table(vectors), "file");
    const pw = await parquetWasm();
    const pq = pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(new Table(vectors), "stream")));
    for (const [bytes, format] of [[ipc, "arrow"], [pq, "parquet"]] as const) {
      const { table, schema } = await loadTable(bytes, { format });
      expect(table.array("__proto__"), format).toEqual(["a", null, "b"]);
      expect(schema.columns[0], format).toMatchObject({ name: "__proto__", type: "categorical", missing: 1 });
    }
  });

  test("a batch without the column is told so, even when the name is an Object property", async () => {
    const { table, schema } = await loadTable(csv(","), { format: "csv" });
    const model = await loadModel(`${MODELS}tree_regressor.onnx`, { features: ["toString", "constructor", "valueOf"] });
    try {
      await expect(model.predict(toBatch(table, ["toString", "constructor"], schema))).rejects.toThrow(/valueOf/);
    } finally {
      await model.dispose();
    }
  });
});
