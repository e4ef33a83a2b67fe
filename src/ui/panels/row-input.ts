// The observation box: what a typed row number means. Rows are counted from 1, as a reader counts
// them and as every message of crossexam does; the grid keeps 0-based indices inside.

export type RowInput = { ok: true; row: number } | { ok: false; message: string };

/** A typed row number (1…rows) as an index into the table, or a message saying what is wrong and what to type. */
export function parseRowNumber(text: string, rows: number): RowInput {
  const range = `the table has ${rows.toLocaleString("en-US")} row${rows === 1 ? "" : "s"} (rows counted from 1)`;
  const typed = text.trim();
  if (typed === "") return { ok: false, message: `type a row number: ${range}` };
  const n = Number(typed);
  if (!Number.isFinite(n)) return { ok: false, message: `"${typed}" is not a row number: ${range}` };
  if (!Number.isInteger(n)) return { ok: false, message: `row ${typed} is not a whole number: ${range}` };
  if (n < 1 || n > rows) return { ok: false, message: `row ${typed} is out of range: ${range}` };
  return { ok: true, row: n - 1 };
}
