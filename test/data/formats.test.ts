// resolveFormat(name, explicit): which parser a source needs.
import { describe, expect, test } from "vitest";
import { loadTable, resolveFormat } from "../../src/data";

describe("resolveFormat(name, explicit)", () => {
  test("reads the extension of paths and URLs, ignoring case, query and fragment", () => {
    expect(resolveFormat("data/a.CSV")).toBe("csv");
    expect(resolveFormat("https://x.org/t.parquet?download=1#top")).toBe("parquet");
    expect(resolveFormat("b.feather")).toBe("arrow");
    expect(resolveFormat("c.tab")).toBe("tsv");
  });

  test("an explicit format wins over the extension", () => {
    expect(resolveFormat("export.txt", "tsv")).toBe("tsv");
  });

  test("an unknown explicit format is refused with the supported ones", () => {
    expect(() => resolveFormat("a.csv", "xls")).toThrow("unsupported format `xls`; use csv, tsv, json, arrow or parquet");
  });

  test("text or bytes without a format are refused, saying to pass options.format", async () => {
    await expect(loadTable("a,b\n1,2\n")).rejects.toThrow("cannot tell the format of this source: it has no extension; pass options.format");
  });
});
