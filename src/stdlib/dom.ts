// `DOM` and `Promises`: Observable's older helpers, still used by many notebooks (DOM.uid for
// clip paths and gradients, DOM.context2d for canvases, Promises.tick for animation).

let count = 0;

/** A document-unique id, with `href` and a `url(#id)` toString for SVG references. */
export function uid(name?: string) {
  const id = `O-${name == null ? "" : `${name}-`}${++count}`;
  const href = new URL(`#${id}`, location.href).href;
  return { id, href, toString: () => `url(${href})` };
}

export function canvas(width: number, height: number): HTMLCanvasElement {
  const c = document.createElement("canvas");
  c.width = width;
  c.height = height;
  return c;
}

export function context2d(width: number, height: number, dpi = globalThis.devicePixelRatio ?? 1): CanvasRenderingContext2D {
  const c = document.createElement("canvas");
  c.width = width * dpi;
  c.height = height * dpi;
  c.style.width = `${width}px`;
  const context = c.getContext("2d")!;
  context.scale(dpi, dpi);
  return context;
}

export function svg(width: number, height: number): SVGSVGElement {
  const s = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  s.setAttribute("viewBox", `0 0 ${width} ${height}`);
  s.setAttribute("width", `${width}`);
  s.setAttribute("height", `${height}`);
  return s;
}

const namespaces: Record<string, string> = {
  math: "http://www.w3.org/1998/Math/MathML", svg: "http://www.w3.org/2000/svg", xhtml: "http://www.w3.org/1999/xhtml",
  xlink: "http://www.w3.org/1999/xlink", xml: "http://www.w3.org/XML/1998/namespace", xmlns: "http://www.w3.org/2000/xmlns/",
};

/** `DOM.element("svg:g", {…})`: an element, namespaced by its prefix. */
export function element(name: string, attributes?: Record<string, string>): Element {
  let prefix = name;
  let i = prefix.indexOf(":");
  if (i >= 0 && (prefix = name.slice(0, i)) !== "xmlns") name = name.slice(i + 1);
  const el = Object.hasOwn(namespaces, prefix) ? document.createElementNS(namespaces[prefix], name) : document.createElement(name);
  for (let [key, value] of Object.entries(attributes ?? {})) {
    i = (prefix = key).indexOf(":");
    if (i >= 0 && (prefix = key.slice(0, i)) !== "xmlns") key = key.slice(i + 1);
    if (Object.hasOwn(namespaces, prefix)) el.setAttributeNS(namespaces[prefix], key, value);
    else el.setAttribute(key, value);
  }
  return el;
}

export function text(value: string): Text {
  return document.createTextNode(value);
}

export function input(type?: string): HTMLInputElement {
  const el = document.createElement("input");
  if (type != null) el.type = type;
  return el;
}

export function range(min = 0, max = 1, step?: number | "any"): HTMLInputElement {
  const el = input("range");
  el.min = String(min);
  el.max = String(max);
  el.step = step === undefined ? "any" : String(step);
  el.value = String((min + max) / 2);
  return el;
}

export function select(values: unknown[]): HTMLSelectElement {
  const el = document.createElement("select");
  for (const v of values) el.append(Object.assign(document.createElement("option"), { value: String(v), textContent: String(v) }));
  return el;
}

/** A "Save" button that downloads `value` (a Blob, or a function returning one) as `name`. */
export function download(value: Blob | (() => Blob | Promise<Blob>), name = "untitled", label = "Save"): HTMLAnchorElement {
  const a = document.createElement("a");
  const b = a.appendChild(document.createElement("button"));
  b.textContent = label;
  a.download = name;
  a.onclick = async (event) => {
    if (a.href) return;
    event.preventDefault();
    a.href = URL.createObjectURL(typeof value === "function" ? await value() : value);
    a.click();
  };
  return a;
}

export const DOM = { uid, canvas, context2d, svg, element, text, input, range, select, download };

const timeouts = new Map<number, Promise<void>>();

/** Resolves with `value` at time `time` (ms since the epoch). */
export async function when<T>(time: number, value?: T): Promise<T | undefined> {
  let timeout = timeouts.get((time = +time));
  if (!timeout) {
    const delay = time - Date.now();
    if (delay > 0) {
      if (delay > 0x7fffffff) throw new Error("too long to wait");
      timeout = new Promise((resolve) => setTimeout(resolve, delay));
      timeout.then(() => timeouts.delete(time));
      timeouts.set(time, timeout);
    }
  }
  await timeout;
  return value;
}

export const Promises = {
  delay: <T>(duration: number, value?: T) => new Promise<T | undefined>((resolve) => setTimeout(() => resolve(value), duration)),
  tick: <T>(duration: number, value?: T) => when(Math.ceil((Date.now() + 1) / duration) * duration, value),
  when,
};
