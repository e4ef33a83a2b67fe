// Cell-by-cell comparison of a fork with its parent, matching cells by their stable ids.
import type { Cell, Notebook } from "./types";

export type CellChange =
  | { kind: "added"; id: number; cell: Cell }
  | { kind: "removed"; id: number; cell: Cell }
  | { kind: "changed"; id: number; before: Cell; after: Cell; fields: string[] }
  | { kind: "unchanged"; id: number; cell: Cell };

export interface NotebookDiff {
  /** one entry per cell id of either notebook, in the fork's order with removed cells where they stood */
  changes: CellChange[];
  /** ids whose relative order differs between parent and fork */
  moved: number[];
  titleChanged: boolean;
}

const COMPARED: (keyof Cell)[] = ["value", "mode", "output", "hidden", "pinned", "format", "database"];

export function diffNotebooks(parent: Notebook, fork: Notebook): NotebookDiff {
  const before = new Map(parent.cells.map((c) => [c.id, c]));
  const after = new Map(fork.cells.map((c) => [c.id, c]));
  const changes: CellChange[] = [];
  // removed cells are placed after the fork cell that preceded them in the parent
  const removedAfter = new Map<number | null, Cell[]>();
  let previous: number | null = null;
  for (const c of parent.cells) {
    if (!after.has(c.id)) {
      const list = removedAfter.get(previous) ?? [];
      list.push(c);
      removedAfter.set(previous, list);
    } else previous = c.id;
  }
  const pushRemoved = (key: number | null) => {
    for (const cell of removedAfter.get(key) ?? []) changes.push({ kind: "removed", id: cell.id, cell });
  };
  pushRemoved(null);
  for (const cell of fork.cells) {
    const old = before.get(cell.id);
    if (!old) changes.push({ kind: "added", id: cell.id, cell });
    else {
      const fields = COMPARED.filter((f) => (old[f] ?? null) !== (cell[f] ?? null));
      changes.push(fields.length ? { kind: "changed", id: cell.id, before: old, after: cell, fields } : { kind: "unchanged", id: cell.id, cell });
    }
    pushRemoved(cell.id);
  }
  return { changes, moved: movedIds(parent, fork), titleChanged: parent.title !== fork.title };
}

// Cells kept in both whose order changed: those outside a longest common subsequence of the shared ids.
function movedIds(parent: Notebook, fork: Notebook): number[] {
  const forkIds = new Set(fork.cells.map((c) => c.id));
  const parentIds = new Set(parent.cells.map((c) => c.id));
  const a = parent.cells.map((c) => c.id).filter((id) => forkIds.has(id));
  const b = fork.cells.map((c) => c.id).filter((id) => parentIds.has(id));
  const n = a.length, m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) {
    table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  const kept = new Set<number>();
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[i] === b[j]) { kept.add(a[i]); i++; j++; }
    else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return b.filter((id) => !kept.has(id));
}
