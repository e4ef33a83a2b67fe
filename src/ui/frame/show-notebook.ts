// What the shell's pages share to show a notebook: the trust gate (when the notebook needs
// trust) or the notebook frame that runs it, with the frame's answer about threads in the header.
import type { OpenedNotebook } from "../fork/open-notebook";
import { threadsNote } from "../fork/page-header";
import type { GateSide, TrustGate } from "../fork/trust-gate";
import "../fork/trust-gate";
import { trustRef } from "../fork/trust";
import "./notebook-frame";
import type { NotebookFrame } from "./notebook-frame";
import { type FrameNotebook, onFrameOrigin, type ThreadNote } from "./protocol";

/** A notebook as the frame receives it: its data URLs moved to the frame's origin. */
export function frameNotebook(opened: { text: string; base: URL }, frame: NotebookFrame, label?: string): FrameNotebook {
  return { text: opened.text, base: onFrameOrigin(opened.base, new URL(document.baseURI), frame.url).href, ...(label ? { label } : {}) };
}

export function gateSide(opened: OpenedNotebook, role?: string): GateSide {
  const ref = trustRef(opened.origin);
  return { notebook: opened.notebook, origin: opened.origin, hash: opened.hash, ...(role ? { role } : {}), ...(ref ? { ref } : {}) };
}

export function trustGate(sides: GateSide[], onTrusted: () => void): TrustGate {
  const gate = document.createElement("cx-trust-gate") as TrustGate;
  gate.sides = sides;
  gate.addEventListener("cx-trusted", onTrusted);
  return gate;
}

/** A notebook frame whose readiness and thread decisions update the header's note on threads. */
export function notebookFrame(): NotebookFrame {
  const frame = document.createElement("cx-frame") as NotebookFrame;
  let decisions: ThreadNote[] = [];
  const show = () => {
    const note = document.querySelector("#threads");
    if (note) note.textContent = threadsNote(frame.isolated ?? crossOriginIsolated, decisions);
  };
  frame.addEventListener("cx-frame-ready", show);
  frame.addEventListener("cx-frame-threads", (e) => { decisions = (e as CustomEvent<ThreadNote[]>).detail; show(); });
  return frame;
}

/** Run an opened notebook, read-only, in a new frame (placed by the caller). */
export function viewInFrame(opened: OpenedNotebook): NotebookFrame {
  const frame = notebookFrame();
  void frame.show({ cx: 1, type: "open", view: "notebook", notebook: frameNotebook(opened, frame), editable: false, run: true });
  return frame;
}
