// The CSV parser (typed columns from a 1,000-record sample, a second pass where the sample was wrong)
// against the reader it replaced: arquero's fromCSV on all-text columns after the old line check, then
// inference over every value. Seeded random files mix number spellings, missing markers, quoted text
// with commas, quotes and line breaks, CRLF, blank lines, and text far below the sample.
import { fromCSV } from "arquero";
import { describe, expect, test } from "vitest";
import { applySchema, inferSchema, loadTable } from "../../src/data";
import type { LoadOptions } from "../../src/data";
import { rng } from "../../src/explain/random";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ChunkSource } from "../../src/data/byte-chunks";
import { parseDelimited } from "../../src/data/parse-delimited";
import { scratchDir } from "../scratch-dir";
import { checkDelimited, dropRanges } from "./oracle-delimited";

function oracle(text: string, options: LoadOptions) {
  const shape = checkDelimited(text, ",");
  const raw = fromCSV(dropRanges(text, shape.blank), { delimiter: ",", autoType: false });
  const schema = inferSchema(raw, options);
  return { table: applySchema(raw, schema, options.na), schema };
}

const NUMBERS = ["0", "-0", "7", "+3", "1.", ".5", "-2.25", "1e5", "1E-3", "6.02e23", "12345678901234567", "0.1000000000000000055511", " 42 ", "007", "3.14159265358979"];
const WORDS = ["red", "Blue", '"quoted, with comma"', '"say ""hi"""', '"two\nlines"', "NA", "", "TRUE", "x y"];

function randomCsv(seed: number, rows: number): string {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const late = 1000 + Math.floor(random() * (rows - 1000)); // a text cell below the sample, in column b
  const eol = random() < 0.5 ? "\n" : "\r\n";
  const lines = ["a,b,c,d"];
  for (let r = 1; r <= rows; r++) {
    const a = pick(NUMBERS);
    const b = r === late ? "oops" : String(Math.floor(random() * 1000) / 8);
    const c = pick(WORDS);
    const d = random() < 0.1 ? pick(["", "NA", " "]) : String(random() * 100);
    lines.push([a, b, c, d].join(","));
    if (random() < 0.002) lines.push("");
  }
  return lines.join(eol) + eol;
}

function same(text: string, options: LoadOptions = {}) {
  return async () => {
    const want = oracle(text, options);
    const got = await loadTable(text, { format: "csv", ...options });
    expect(got.table.columnNames()).toEqual(want.table.columnNames());
    expect(JSON.parse(JSON.stringify(got.schema))).toEqual(JSON.parse(JSON.stringify(want.schema)));
    for (const name of want.table.columnNames()) expect(got.table.array(name)).toEqual(want.table.array(name));
  };
}

describe("the CSV parser reads what the old reader read", () => {
  for (const seed of [1, 2, 3]) test(`random file, seed ${seed} (1,500 rows)`, same(randomCsv(seed, 1500)));

  test("a column that looks numeric in the first 1,000 records but holds text at row 1,400 is text, as full inference says", async () => {
    const lines = ["id_like,x"];
    for (let r = 1; r <= 1500; r++) lines.push(`${r % 50},${r === 1400 ? "n/a" : ((r % 300) / 4).toFixed(2)}`);
    const text = lines.join("\n");
    await same(text)();
    const { schema, table, report } = await loadTable(text, { format: "csv" });
    expect(schema.columns[1]).toMatchObject({ name: "x", type: "categorical" });
    // the text of the numbers is kept, not their parsed value ("0.50", not "0.5")
    expect(table.get("x", 1)).toBe("0.50");
    expect(report.warnings.join()).toContain("data rows 1400 hold text");
    // and declared numeric, the row is named
    await expect(loadTable(text, { format: "csv", types: { x: "numeric" } })).rejects.toMatchObject({ kind: "type", rows: [1400] });
  });

  test("declared categorical keeps the text of numbers; custom markers count as missing", same("k,v\n1.50,?\n2,3\n02,?\n", { types: { k: "categorical" }, na: ["", "NA", "?"] }));

  test("numbers beyond the exact fast path parse as JavaScript reads them", async () => {
    const cells = ["9007199254740993", "0.1", "1e-400", "123456789012345.678", "2.2250738585072014e-308", "1e22", "1e23", "-.5e+3"];
    const { table } = await loadTable(["v", ...cells].join("\n"), { format: "csv" });
    expect(table.array("v")).toEqual(cells.map(Number));
  });

  test("a ragged file gives the old message, whichever pass finds it", async () => {
    const lines = ["a,b"];
    for (let r = 1; r <= 1200; r++) lines.push(r === 1100 ? "1,2,3" : `${r},${r}`);
    await expect(loadTable(lines.join("\n"), { format: "csv" })).rejects.toThrow("line 1101 has 3 fields, the header has 2");
  });

  test("a file read in 4 MB chunks gives what the same text read at once gives (records cut at every kind of place)", async () => {
    // ~9 MB: chunk ends fall inside numbers, quoted fields, doubled quotes and CRLF pairs
    const random = rng(9);
    const lines = ["n,t,m"];
    for (let r = 0; lines.length < 150_000; r++) {
      const t = random() < 0.3 ? `"q ""${r}"",\r\nnext"` : `w${r % 97}`;
      lines.push(`${(random() * 1e6).toFixed(3)},${t},${r % 7 === 0 ? "" : r}`);
    }
    const text = lines.join("\r\n") + "\r\n";
    const path = join(scratchDir("crossexam-csv-"), "big.csv");
    writeFileSync(path, text);
    const fromFile = await loadTable(path);
    const fromText = await loadTable(text, { format: "csv" });
    expect(fromFile.table.numRows()).toBe(lines.length - 1);
    expect(JSON.parse(JSON.stringify(fromFile.schema))).toEqual(JSON.parse(JSON.stringify(fromText.schema)));
    for (const name of ["n", "t", "m"]) expect(fromFile.table.array(name)).toEqual(fromText.table.array(name));
  });

  test("records split across chunks of every size from 1 to 17 bytes parse as in one piece", async () => {
    const text = '\uFEFFa,b,c\r\n1.5,"x, ""y""\r\nz",NA\r\n\r\n-2e3,plain,\n"",é,7\r3,"",8\n';
    const bytes = new TextEncoder().encode(text);
    const pieces = (size: number): ChunkSource => ({
      size: bytes.length,
      open() { let at = 0; return () => (at >= bytes.length ? null : bytes.slice(at, (at += size))); },
    });
    const na = new Set(["", "NA"]);
    const whole = await parseDelimited(pieces(bytes.length), ",", { na });
    expect(whole.table.objects()).toEqual([
      { a: 1.5, b: 'x, "y"\r\nz', c: null }, { a: -2000, b: "plain", c: null }, { a: null, b: "é", c: 7 }, { a: 3, b: null, c: 8 },
    ]);
    expect(whole.warnings).toEqual(["skipped 1 blank line (line 4)"]);
    for (let size = 1; size <= 17; size++) {
      const split = await parseDelimited(pieces(size), ",", { na });
      expect(split.table.objects(), `chunks of ${size}`).toEqual(whole.table.objects());
      expect(split.warnings, `chunks of ${size}`).toEqual(whole.warnings);
    }
  });
});
