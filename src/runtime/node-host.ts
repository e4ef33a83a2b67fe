// Running notebooks in Node: a happy-dom document for the libraries that build DOM (Plot, Inputs,
// htl, md), and files read from disk. Never imported by browser code.
import { readFile, stat } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Window } from "happy-dom";
import type { FileExists, ReadBytes } from "./library";
import type { RuntimeEvent } from "./notebook-runtime";

// happy-dom rather than jsdom here: jsdom's form elements are proxies that refuse the
// `value` property Observable Inputs define on them.
let installed: Window | undefined;

/** Give Node the DOM globals the cell libraries expect (once per process). */
export function installDomGlobals(): void {
  if (installed || typeof document !== "undefined") return;
  installed = new Window({ url: "http://localhost/" });
  const window = installed as unknown as Record<string, unknown>;
  Object.defineProperty(globalThis, "window", { value: window, configurable: true, writable: true });
  for (const name of Object.getOwnPropertyNames(window)) {
    // constructors (Element, NodeList, Event …) and the document; keep Node's own globals
    if ((name in globalThis && name !== "Event" && name !== "CustomEvent") || !(/^[A-Z]/.test(name) || name === "document" || name === "getComputedStyle" || name === "requestAnimationFrame")) continue;
    const value = window[name];
    Object.defineProperty(globalThis, name, { value: typeof value === "function" && name[0] !== name[0].toUpperCase() ? (value as Function).bind(window) : value, configurable: true, writable: true });
  }
  fixStepMismatch(window.ValidityState as { prototype: object } | undefined);
  // what browser code reads off the window: d3.zoom reads navigator, DOM.uid and `new URL(…, location)`
  // read location, canvases and Plot read devicePixelRatio, d3 transitions cancel animation frames
  for (const name of ["navigator", "location", "devicePixelRatio", "matchMedia", "cancelAnimationFrame", "innerWidth", "innerHeight"]) {
    if (name in globalThis) continue;
    const value = window[name];
    Object.defineProperty(globalThis, name, { value: typeof value === "function" ? (value as Function).bind(window) : value, configurable: true, writable: true });
  }
  radioListValue(window.RadioNodeList as { prototype: object } | undefined);
  rangeDefaultValue(window.HTMLInputElement as { prototype: object } | undefined);
  settableStyle(window.HTMLElement as { prototype: object } | undefined, window.SVGElement as { prototype: object } | undefined);
  headlessCanvas(window.HTMLCanvasElement as { prototype: object } | undefined);
  headlessSvgTransforms(window.SVGTransformList as { prototype: object } | undefined);
}

/**
 * A range input with no value has the value halfway between min and max (HTML's default value of
 * a range, on a step); happy-dom gives "", so `Inputs.range([0, 100])` had no value headless.
 */
function rangeDefaultValue(input: { prototype: object } | undefined): void {
  if (!input) return;
  const value = Object.getOwnPropertyDescriptor(input.prototype, "value");
  const asNumber = Object.getOwnPropertyDescriptor(input.prototype, "valueAsNumber");
  if (!value?.get || !asNumber?.get) return;
  const fallback = (el: HTMLInputElement): string | undefined => {
    if (el.type !== "range" || value.get!.call(el) !== "") return undefined;
    const min = Number(el.getAttribute("min") ?? 0) || 0;
    const max = el.getAttribute("max") === null ? 100 : Number(el.getAttribute("max"));
    const step = Number(el.getAttribute("step"));
    let v = max < min ? min : min + (max - min) / 2;
    if (step > 0) v = min + Math.round((v - min) / step) * step;
    return String(v);
  };
  Object.defineProperty(input.prototype, "value", {
    ...value, get(this: HTMLInputElement) { return fallback(this) ?? value.get!.call(this); },
  });
  Object.defineProperty(input.prototype, "valueAsNumber", {
    ...asNumber, get(this: HTMLInputElement) { const f = fallback(this); return f === undefined ? asNumber.get!.call(this) : Number(f); },
  });
}

/** `form.elements.choice.value = "b"` checks the radio button of that value (happy-dom can only read it). */
function radioListValue(list: { prototype: object } | undefined): void {
  const value = list && Object.getOwnPropertyDescriptor(list.prototype, "value");
  if (!value?.get || value.set) return;
  Object.defineProperty(list!.prototype, "value", {
    ...value,
    set(this: ArrayLike<HTMLInputElement>, v: string) {
      for (const input of Array.from(this)) if (input.value === String(v)) input.checked = true;
    },
  });
}

/** `element.style = "color: red"` sets the style attribute in browsers; happy-dom's `style` is read-only. */
function settableStyle(...classes: ({ prototype: object } | undefined)[]): void {
  for (const c of classes) {
    let proto: object | null = c?.prototype ?? null;
    let style: PropertyDescriptor | undefined;
    while (proto && !(style = Object.getOwnPropertyDescriptor(proto, "style"))) proto = Object.getPrototypeOf(proto);
    if (!proto || !style?.get || style.set) continue;
    Object.defineProperty(proto, "style", {
      ...style, set(this: HTMLElement, text: string) { this.setAttribute("style", String(text)); },
    });
  }
}

/**
 * happy-dom has no canvas rendering: `getContext("2d")` is null and every drawing cell fails on
 * its first `context.fillStyle = …`. Headless, a canvas is drawn into nothing: the context takes
 * every property and call (returning harmless values) so the cell runs to the end and its
 * other outputs are computed; the browser draws the real thing.
 */
function headlessCanvas(canvas: { prototype: object } | undefined): void {
  if (!canvas) return;
  Object.defineProperty(canvas.prototype, "getContext", {
    configurable: true,
    value(this: HTMLCanvasElement, kind: string) {
      if (kind !== "2d") return null;
      const self = this as HTMLCanvasElement & { __context?: unknown };
      return self.__context ??= nullContext(self);
    },
  });
  Object.defineProperty(canvas.prototype, "toDataURL", { configurable: true, value: () => "data:," });
}

const CONTEXT_METHODS = new Set([
  "arc", "arcTo", "beginPath", "bezierCurveTo", "clearRect", "clip", "closePath", "drawFocusIfNeeded", "drawImage",
  "ellipse", "fill", "fillRect", "fillText", "lineTo", "moveTo", "putImageData", "quadraticCurveTo", "rect", "reset",
  "resetTransform", "restore", "rotate", "roundRect", "save", "scale", "setLineDash", "setTransform", "stroke",
  "strokeRect", "strokeText", "transform", "translate",
]);

function nullContext(canvas: HTMLCanvasElement): unknown {
  const state: Record<string | symbol, unknown> = { canvas };
  const measure = (text: string) => ({ width: String(text).length * 6, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 });
  const imageData = (w = 1, h = 1) => ({ width: w, height: h, data: new Uint8ClampedArray(Math.max(1, w * h * 4)) });
  const methods: Record<string, unknown> = {
    measureText: measure, getImageData: (_x: number, _y: number, w: number, h: number) => imageData(w, h),
    createImageData: (w: number, h: number) => imageData(w, h), isPointInPath: () => false, isPointInStroke: () => false,
    getLineDash: () => [], getTransform: () => ({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }),
    createLinearGradient: () => ({ addColorStop() {} }), createRadialGradient: () => ({ addColorStop() {} }),
    createConicGradient: () => ({ addColorStop() {} }), createPattern: () => ({}),
  };
  return new Proxy(state, {
    // only the context's own method names are functions: the runtime must not see a `then` or `next`
    get: (target, key) => key in target ? target[key] : key in methods ? methods[key as string]
      : typeof key === "string" && CONTEXT_METHODS.has(key) ? () => undefined : undefined,
    set: (target, key, value) => { target[key] = value; return true; },
  });
}

/**
 * d3's transform interpolation reads `element.transform.baseVal.consolidate()`, which happy-dom's
 * SVGTransformList lacks: give it one (null for an empty list — the identity — as browsers do; the
 * single item when there is one; otherwise their product).
 */
function headlessSvgTransforms(list: { prototype: object } | undefined): void {
  if (!list || "consolidate" in list.prototype) return;
  Object.defineProperty(list.prototype, "consolidate", {
    configurable: true,
    value(this: { numberOfItems: number; getItem(i: number): { matrix: DOMMatrix } }) {
      if (!this.numberOfItems) return null;
      if (this.numberOfItems === 1) return this.getItem(0);
      let matrix = this.getItem(0).matrix;
      for (let i = 1; i < this.numberOfItems; i++) matrix = matrix.multiply(this.getItem(i).matrix);
      return { matrix };
    },
  });
}

/**
 * happy-dom tests `value % step !== 0` in floating point and from zero, so 0.05 with step 0.005
 * is "invalid" and `Inputs.range([0, 0.1], {step: 0.005, value: 0.05})` has no value. Browsers
 * count steps from `min` and allow rounding error (HTML's step base); do the same.
 */
function fixStepMismatch(validity: { prototype: object } | undefined): void {
  if (!validity) return;
  Object.defineProperty(validity.prototype, "stepMismatch", {
    configurable: true,
    get(this: { element?: HTMLInputElement }) {
      const el = this.element;
      if (!el || el.localName !== "input" || (el.type !== "number" && el.type !== "range") || el.value === "") return false;
      const stepAttr = el.getAttribute("step");
      if (stepAttr === "any") return false;
      const step = stepAttr === null || !(Number(stepAttr) > 0) ? 1 : Number(stepAttr);
      const base = el.getAttribute("min") !== null && Number.isFinite(Number(el.getAttribute("min"))) ? Number(el.getAttribute("min")) : 0;
      const steps = (Number(el.value) - base) / step;
      return Math.abs(steps - Math.round(steps)) > 1e-9 * Math.max(1, Math.abs(steps));
    },
  });
}

export const readFileBytes: ReadBytes = async (url) => {
  if (url.protocol !== "file:") throw new Error(`only local files can be read here, not ${url.href}`);
  return new Uint8Array(await readFile(fileURLToPath(url)));
};

/** Existence of a local file, from the file system (Node's own listing). */
export const fileExists: FileExists = async (url) => {
  if (url.protocol !== "file:") return undefined;
  return stat(fileURLToPath(url)).then((s) => s.isFile(), () => false);
};

export function fileBase(path: string): URL {
  return pathToFileURL(path);
}

/**
 * Headless, what cells display is put in the document as a page would put it (one section per
 * cell, in a <main> of its own): d3 transitions look for their parent's schedule up to the
 * document, and Inputs stop their timers when their element leaves it. Returns a function that
 * takes the page down again.
 */
export function attachOutputs(runtime: { subscribe(listener: (event: RuntimeEvent) => void): () => void }): () => void {
  const main = document.createElement("main");
  document.body.append(main);
  const sections = new Map<number, HTMLElement>();
  const unsubscribe = runtime.subscribe((event) => {
    if (event.type === "remove") { sections.get(event.id)?.remove(); sections.delete(event.id); return; }
    const { id, displayed } = event.state;
    let section = sections.get(id);
    if (!section) { section = document.createElement("section"); main.append(section); sections.set(id, section); }
    const nodes = displayed.filter((v): v is Node => v instanceof Node);
    if (nodes.length !== section.childNodes.length || nodes.some((n, i) => section!.childNodes[i] !== n)) section.replaceChildren(...nodes);
  });
  return () => { unsubscribe(); main.remove(); };
}
