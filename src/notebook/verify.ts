// Responsible for: checking that a notebook file reads back, cell for cell, as the cells its
// writer meant — so that a save can refuse text that would lose or change a cell.
import { storedCellText } from "./script-text.ts";
import type { Notebook } from "./types.ts";

/** A cell as the editor holds it, sent along with the text of a save. */
export interface SentCell {
  id: number;
  mode: string;
  value: string;
}

/** The first difference between the cells `read` from a file and the cells `sent`, or undefined when there is none. */
export function cellsMismatch(read: Notebook, sent: readonly SentCell[]): string | undefined {
  const count = countMismatch(read, sent);
  const cell = cellMismatch(read, sent);
  return count && cell ? `${count}; ${cell}` : count ?? cell;
}

function cellMismatch(read: Notebook, sent: readonly SentCell[]): string | undefined {
  const n = Math.min(read.cells.length, sent.length);
  for (let i = 0; i < n; i++) {
    const got = read.cells[i], want = sent[i];
    const where = `cell ${i + 1} (id ${want.id})`;
    if (got.id !== want.id) return `${where} would read back with id ${got.id}`;
    if (got.mode !== want.mode) return `${where} would read back as a ${got.mode} cell, not ${want.mode}`;
    const expected = storedCellText(want.value);
    if (got.value !== expected) return `${where} would read back changed, from character ${firstDifference(got.value, expected) + 1} on`;
  }
  return undefined;
}

function countMismatch(read: Notebook, sent: readonly SentCell[]): string | undefined {
  if (read.cells.length < sent.length) {
    const lost = sent.slice(read.cells.length).map((c) => c.id);
    return `the file would hold ${read.cells.length} of the ${sent.length} cells: cell${lost.length === 1 ? "" : "s"} with id ${lost.join(", ")} would be lost`;
  }
  if (read.cells.length > sent.length) return `the file would hold ${read.cells.length} cells, not the ${sent.length} sent`;
  return undefined;
}

/** True when `value` is a well-formed list of sent cells. */
export function isSentCells(value: unknown): value is SentCell[] {
  return Array.isArray(value) && value.every((c) => c !== null && typeof c === "object"
    && typeof c.id === "number" && typeof c.mode === "string" && typeof c.value === "string");
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
