// CSV and TSV text → an arquero table of strings (null where a field is empty).
// Types are decided later, over every value, by inferSchema/applySchema: arquero's own
// inference looks at the first 1000 values only and turns later text into NaN silently.
import { fromCSV } from "arquero";
import type { ColumnTable } from "arquero";
import { checkDelimited, dropRanges } from "./delimited-check";

export interface ParsedText {
  table: ColumnTable;
  warnings: string[];
}

export function parseDelimited(text: string, delimiter: "," | "\t"): ParsedText {
  const shape = checkDelimited(text, delimiter);
  const warnings: string[] = [];
  if (shape.blankLines.length > 0) {
    const lines = shape.blankLines;
    warnings.push(`skipped ${lines.length} blank line${lines.length > 1 ? "s" : ""} (line ${lines.slice(0, 5).join(", ")}${lines.length > 5 ? ", …" : ""})`);
  }
  const table = fromCSV(dropRanges(text, shape.blank), { delimiter, autoType: false });
  return { table, warnings };
}
