// The datasets bundled in data/ load with the shape and missing counts their CSV text shows.
// The expectation is counted here straight from the text, independently of the loader.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadTable } from "../../src/data";

const root = new URL("../../data/", import.meta.url);

/** Split one CSV line on commas outside quotes (these files have no quoted line breaks). */
function fields(line: string): string[] {
  return line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((f) => f.replace(/^"(.*)"$/, "$1"));
}

function countFromText(text: string) {
  const lines = text.split(/\r?\n/).filter((l) => l !== "");
  const header = fields(lines[0]);
  const missing = new Map(header.map((h) => [h, 0]));
  for (const line of lines.slice(1)) {
    fields(line).forEach((f, k) => { if (f === "" || f === "NA") missing.set(header[k], missing.get(header[k])! + 1); });
  }
  return { rows: lines.length - 1, header, missing };
}

describe("bundled datasets", () => {
  for (const [file, target] of [["mortality.csv", "death"], ["credit.csv", "Status"], ["ames.csv", "Sale_Price"], ["synthetic.csv", "y"]] as const) {
    const url = new URL(file, root);
    test.skipIf(!existsSync(url))(`data/${file} loads with the rows, columns and missing counts its text shows`, async () => {
      const expected = countFromText(readFileSync(url, "utf8"));
      const { table, schema, report } = await loadTable(url.pathname, { target });
      expect(table.numRows()).toBe(expected.rows);
      expect(table.columnNames()).toEqual(expected.header);
      expect(Object.fromEntries(schema.columns.map((c) => [c.name, c.missing]))).toEqual(Object.fromEntries(expected.missing));
      expect(schema.target).toBe(target);
      expect(schema.features).not.toContain(target);
      // nothing in these files should be half-numeric
      expect(report.warnings).toEqual([]);
    });
  }
});
