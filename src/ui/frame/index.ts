// The notebook frame: where a notebook's cells run, on another origin than the shell, and the
// shell's side of it (the <cx-frame> element, its heartbeat and run journal). See docs/SECURITY.md.
export { frameUrl, shellOrigin, onFrameOrigin, isMessage, PROTOCOL, type FromFrame, type ToFrame, type OpenMessage, type FrameNotebook } from "./protocol";
export { NotebookFrame, type HeldReason } from "./notebook-frame";
export { RunJournal } from "./run-journal";
export { frameNotebook, gateSide, trustGate, notebookFrame, viewInFrame } from "./show-notebook";
