// Running notebooks in Node: a happy-dom document for the libraries that build DOM (Plot, Inputs,
// htl, md), and files read from disk. Never imported by browser code.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Window } from "happy-dom";
import type { ReadBytes } from "./file-attachment";

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
}

export const readFileBytes: ReadBytes = async (url) => {
  if (url.protocol !== "file:") throw new Error(`only local files can be read here, not ${url.href}`);
  return new Uint8Array(await readFile(fileURLToPath(url)));
};

export function fileBase(path: string): URL {
  return pathToFileURL(path);
}
