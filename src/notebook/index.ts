// The notebook file format, fork lineage and cell-by-cell diff.
export type { Cell, CellMode, Dom, Lineage, Notebook } from "./types";
export { NotebookFormatError, nextCellId, parseNotebook, serializeNotebook } from "./format";
export { contentHash } from "./hash";
export { forkNotebook } from "./fork";
export { diffNotebooks, type CellChange, type NotebookDiff } from "./diff";
export { cellsMismatch, isSentCells, type SentCell } from "./verify";
export { storedCellText } from "./script-text";
