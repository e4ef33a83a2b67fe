// The notebook frame (frame.html): the only place where a notebook's cells run and their outputs
// render. It takes its notebook from the shell that embeds it — never from its own address, so
// opening frame.html directly runs nothing — and answers only messages from the shell's origin.
// It holds no write route, no token and no trust decision: see docs/SECURITY.md.
import "../styles.css";
import { parseNotebook, serializeNotebook } from "../../notebook/format";
import type { Notebook } from "../../notebook/types";
import type { NotebookRuntime } from "../../runtime/notebook-runtime";
import { onThreadDecisions } from "../../explain/worker/index";
import { browserRuntime } from "../browser-runtime";
import "../fork/compare-view";
import type { CompareView } from "../fork/compare-view";
import "../notebook-view";
import type { NotebookView } from "../notebook-view";
import { type FromFrame, isMessage, type OpenMessage, shellOrigin, type ToFrame } from "./protocol";

const SHELL = shellOrigin(new URL(location.href), import.meta.env.DEV);
const main = document.querySelector("main")!;
const dom = () => ({ parser: new DOMParser(), document });

let opened: OpenMessage | undefined;
let view: NotebookView | undefined;
let stopWatching: (() => void) | undefined;

type Unwrapped<T> = T extends unknown ? Omit<T, "cx"> : never;

function send(message: Unwrapped<FromFrame>): void {
  if (window.parent === window) return;
  window.parent.postMessage({ cx: 1, ...message }, SHELL);
}

window.addEventListener("message", (event) => {
  if (event.source !== window.parent || event.origin !== SHELL) return;
  if (!isMessage<ToFrame>(event.data, ["open", "run", "ping"])) return;
  const message = event.data;
  if (message.type === "ping") return send({ type: "pong", seq: message.seq });
  if (message.type === "open") return open(message);
  if (message.type === "run" && opened) return open(runNow(opened));
});

// Run what is shown: a held notebook may have been edited meanwhile.
function runNow(message: OpenMessage): OpenMessage {
  if (message.view !== "notebook" || !view) return { ...message, run: true };
  return { ...message, run: true, notebook: { ...message.notebook, text: serialize(view.notebook) } };
}

function open(message: OpenMessage): void {
  opened = message;
  stopWatching?.();
  view?.runtime?.dispose();
  view = undefined;
  try {
    if (message.view === "notebook") openNotebook(message);
    else openCompare(message);
  } catch (error) {
    const p = document.createElement("p");
    p.className = "cx-error";
    p.setAttribute("role", "alert");
    p.textContent = (error as Error).message;
    main.replaceChildren(p);
  }
}

function openNotebook(message: Extract<OpenMessage, { view: "notebook" }>): void {
  const notebook = parseNotebook(message.notebook.text, dom());
  const base = new URL(message.notebook.base);
  const element = document.createElement("cx-notebook") as NotebookView;
  element.notebook = notebook;
  // held: the cells are shown (and editable) but nothing is defined in the runtime until "run"
  element.runtime = message.run ? browserRuntime(base, notebook) : browserRuntime(base);
  element.editable = message.editable;
  element.addEventListener("cx-notebook-change", (e) => send({ type: "changed", text: serialize((e as CustomEvent<Notebook>).detail) }));
  main.replaceChildren(element);
  view = element;
  if (message.run) watch([element.runtime], () => serialize(element.notebook));
}

function openCompare(message: Extract<OpenMessage, { view: "compare" }>): void {
  if (!message.run) { main.replaceChildren(); return; }
  const side = (n: typeof message.parent) => ({ notebook: parseNotebook(n.text, dom()), base: new URL(n.base), label: n.label ?? n.base });
  const element = document.createElement("cx-compare") as CompareView;
  element.parent = side(message.parent);
  element.fork = side(message.fork);
  main.replaceChildren(element);
  void element.updateComplete.then(() => { if (element.sides) watch([element.sides.parent, element.sides.fork], () => message.fork.text); });
}

// busy when any cell is pending or running, idle when none is: the shell keeps a journal of
// runs that did not finish, so that a notebook that hung is reopened without running.
function watch(runtimes: NotebookRuntime[], text: () => string): void {
  let busy = false;
  let scheduled = false;
  const check = () => {
    scheduled = false;
    const now = runtimes.some((r) => r.states().some((s) => s.status.state === "pending" || s.status.state === "running"));
    if (now !== busy) { busy = now; send(now ? { type: "busy", text: text() } : { type: "idle" }); }
  };
  const unsubscribe = runtimes.map((r) => r.subscribe(() => { if (!scheduled) { scheduled = true; queueMicrotask(check); } }));
  stopWatching = () => unsubscribe.forEach((u) => u());
  check();
  // a notebook with no cell to run is idle at once
  if (!busy) send({ type: "idle" });
}

function serialize(notebook: Notebook): string {
  return serializeNotebook(notebook, dom());
}

// the shell sizes the frame to its content, so the page scrolls as one (menus that open past
// the end count too: they are in the body's scrollable overflow, not its box)
let lastHeight = 0;
let measuring = false;
const measure = () => {
  if (measuring) return;
  measuring = true;
  requestAnimationFrame(() => {
    measuring = false;
    const px = Math.ceil(Math.max(document.body.scrollHeight, document.body.getBoundingClientRect().height));
    if (px !== lastHeight) { lastHeight = px; send({ type: "height", px }); }
  });
};
new ResizeObserver(measure).observe(document.body);
new MutationObserver(measure).observe(document.body, { subtree: true, childList: true, attributes: true });

window.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") { event.preventDefault(); send({ type: "save-shortcut" }); }
});

send({ type: "ready", isolated: crossOriginIsolated });
// the background thread calibration's decisions, for the header's note on threads
onThreadDecisions(({ decisions }) =>
  send({ type: "threads", decisions: decisions.map(({ model, bucket, threads }) => ({ model, bucket, threads })) }));
