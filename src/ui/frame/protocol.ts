// The messages between the shell (gallery, editor chrome, Save, trust decisions) and the frame
// that runs a notebook's cells and renders their outputs. The frame lives on another origin on
// the dev server (localhost beside the shell's 127.0.0.1): it cannot read the shell, and the
// shell reads from it only these messages, each checked for its sender and shape.
//
//   shell → frame   open (a notebook or a comparison; run now or hold)   run   ping
//   frame → shell   ready   pong   changed (the edited notebook's text)   busy/idle   height   save-shortcut   threads
//
// Every message carries `cx: PROTOCOL` so that messages of other scripts are ignored.
// Later features (exploring a model, fork/share/compare from the editor) add message types
// here; a side ignores types it does not know.

export const PROTOCOL = 1;

/** One notebook's file text and the URL its FileAttachment names resolve against. */
export interface FrameNotebook {
  text: string;
  base: string;
  label?: string;
}

export type OpenMessage =
  | { cx: 1; type: "open"; view: "notebook"; notebook: FrameNotebook; editable: boolean; run: boolean }
  | { cx: 1; type: "open"; view: "compare"; parent: FrameNotebook; fork: FrameNotebook; run: boolean };

export type ToFrame =
  | OpenMessage
  | { cx: 1; type: "run" }
  | { cx: 1; type: "ping"; seq: number };

export type FromFrame =
  | { cx: 1; type: "ready"; isolated: boolean }
  | { cx: 1; type: "pong"; seq: number }
  /** the notebook after an edit made in the frame (editable view) */
  | { cx: 1; type: "changed"; text: string }
  /** some cell started running; `text` is the notebook as it runs */
  | { cx: 1; type: "busy"; text: string }
  /** no cell is pending or running */
  | { cx: 1; type: "idle" }
  | { cx: 1; type: "height"; px: number }
  /** Ctrl+S was pressed inside the frame: the shell decides (it never saves for the frame) */
  | { cx: 1; type: "save-shortcut" }
  /** the thread counts calibrated so far, per model and batch bucket (for the header's note on threads) */
  | { cx: 1; type: "threads"; decisions: ThreadNote[] };

/** One calibrated thread decision as the header shows it. */
export interface ThreadNote {
  model: string;
  /** the batch-size bucket (a power of 10) */
  bucket: number;
  threads: number;
}

/** The decisions of a `threads` message, if its shape is right (at most 100, names ≤ 200 characters). */
export function threadNotes(data: unknown): ThreadNote[] | undefined {
  if (!Array.isArray(data) || data.length > 100) return undefined;
  const ok = data.every((d) => typeof d === "object" && d !== null && typeof d.model === "string" && d.model.length <= 200
    && Number.isFinite(d.bucket) && Number.isInteger(d.threads) && d.threads >= 1);
  return ok ? data.map(({ model, bucket, threads }) => ({ model, bucket, threads })) : undefined;
}

const SHELL_HOST = "127.0.0.1";
const FRAME_HOST = "localhost";

/**
 * The frame's page as seen from a shell page. On the dev server it is on the other loopback
 * name (same port); on a static site (one origin only) it is the site's own `frame.html`.
 */
export function frameUrl(shell: URL, dev: boolean): URL {
  if (!dev) return new URL("frame.html", shell);
  const url = new URL("/frame.html", shell);
  url.hostname = shell.hostname === FRAME_HOST ? SHELL_HOST : FRAME_HOST;
  return url;
}

/** The only origin a frame accepts messages from: its shell. */
export function shellOrigin(frame: URL, dev: boolean): string {
  if (!dev) return frame.origin;
  const url = new URL(frame.origin);
  url.hostname = url.hostname === FRAME_HOST ? SHELL_HOST : FRAME_HOST;
  return url.origin;
}

/** A URL of the shell's origin, as the frame must fetch it: the same path on the frame's origin. */
export function onFrameOrigin(url: URL, shell: URL, frame: URL): URL {
  if (url.origin !== shell.origin) return url;
  const moved = new URL(url.href);
  moved.protocol = frame.protocol;
  moved.host = frame.host;
  return moved;
}

/** Is `data` a message of this protocol of one of the `types`? (Shape only; the sender is checked by the caller.) */
export function isMessage<T extends { type: string }>(data: unknown, types: readonly T["type"][]): data is T {
  if (typeof data !== "object" || data === null) return false;
  const m = data as { cx?: unknown; type?: unknown };
  return m.cx === PROTOCOL && typeof m.type === "string" && (types as readonly string[]).includes(m.type);
}
