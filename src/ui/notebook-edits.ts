// The edits an author makes to a notebook's cell list, as pure functions returning a new notebook
// (the old one is left as it was, so views compare by identity). Each edit also says what the
// runtime must do, so the view can keep the two in step without recomputing the difference.
import type { Cell, CellMode, Notebook } from "../notebook/types";

export type RuntimeStep =
  | { kind: "define"; cell: Cell; beforeId?: number }
  | { kind: "delete"; id: number }
  | { kind: "move"; id: number; beforeId?: number }
  | { kind: "none" };

export interface Edit {
  notebook: Notebook;
  step: RuntimeStep;
}

/** A fresh cell; `id` must be unused in the notebook (see `freshCellId`). */
export function blankCell(id: number, mode: CellMode, value = ""): Cell {
  return { id, mode, value, pinned: mode !== "md" && mode !== "html", hidden: false };
}

/** The next id for a new cell: above every id in the notebook and every id handed out before. */
export function freshCellId(notebook: Notebook, issued = 0): number {
  return Math.max(issued, ...notebook.cells.map((c) => c.id)) + 1;
}

/** Insert `cell` next to the cell `anchorId` (or at the end when there is none). */
export function insertCell(notebook: Notebook, cell: Cell, anchorId: number | undefined, where: "above" | "below"): Edit {
  if (notebook.cells.some((c) => c.id === cell.id)) throw new Error(`cell id ${cell.id} is already used in this notebook`);
  const cells = notebook.cells.slice();
  const anchor = anchorId === undefined ? -1 : cells.findIndex((c) => c.id === anchorId);
  const at = anchor < 0 ? cells.length : where === "above" ? anchor : anchor + 1;
  cells.splice(at, 0, cell);
  return { notebook: { ...notebook, cells }, step: { kind: "define", cell, beforeId: cells[at + 1]?.id } };
}

export function deleteCell(notebook: Notebook, id: number): Edit {
  if (!notebook.cells.some((c) => c.id === id)) return { notebook, step: { kind: "none" } };
  return { notebook: { ...notebook, cells: notebook.cells.filter((c) => c.id !== id) }, step: { kind: "delete", id } };
}

/** Move a cell one place up (-1) or down (+1); at either end nothing changes. */
export function moveCell(notebook: Notebook, id: number, by: -1 | 1): Edit {
  const from = notebook.cells.findIndex((c) => c.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= notebook.cells.length) return { notebook, step: { kind: "none" } };
  const cells = notebook.cells.slice();
  const [cell] = cells.splice(from, 1);
  cells.splice(to, 0, cell);
  return { notebook: { ...notebook, cells }, step: { kind: "move", id, beforeId: cells[to + 1]?.id } };
}

/** Change a cell's fields. Changing only the text does not run it (`run` does); a new mode does. */
export function updateCell(notebook: Notebook, id: number, patch: Partial<Omit<Cell, "id">>, run = false): Edit {
  const index = notebook.cells.findIndex((c) => c.id === id);
  if (index < 0) return { notebook, step: { kind: "none" } };
  const cell = { ...notebook.cells[index], ...patch };
  if (patch.mode && patch.mode !== "unknown") delete cell.rawType;
  const cells = notebook.cells.slice();
  cells[index] = cell;
  return { notebook: { ...notebook, cells }, step: run || patch.mode !== undefined ? { kind: "define", cell } : { kind: "none" } };
}
