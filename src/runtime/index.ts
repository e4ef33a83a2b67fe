// Cells → runtime variables, per-cell status, the standard library.
export { NotebookRuntime, type NotebookRuntimeOptions, type RuntimeEvent } from "./notebook-runtime";
export { type CellState, type CellStatus, elapsed, skippedText } from "./cell-state";
export { CellSyntaxError, compileCell, type CompiledCell, type Importer, RUNNABLE_MODES } from "./compile";
export type { Library, LibraryFactory, LibraryOptions, ReadBytes } from "./library";
