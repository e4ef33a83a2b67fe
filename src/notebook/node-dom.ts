// The DOM the notebook format needs, for Node (CLI, tests). Never imported by browser code.
import { JSDOM } from "jsdom";
import type { Dom } from "./types";

let cached: Dom | undefined;

export function nodeDom(): Dom {
  if (!cached) {
    const { window } = new JSDOM("");
    cached = { parser: new window.DOMParser(), document: window.document };
  }
  return cached;
}
