// Showing a value in a cell: DOM nodes as they are, everything else through Observable's inspector.
import { Inspector } from "@observablehq/inspector";
import "@observablehq/inspector/dist/inspector.css";

export function renderValue(value: unknown): Node {
  if (value instanceof Node) return value;
  const holder = document.createElement("div");
  new Inspector(holder).fulfilled(value);
  return holder;
}

export function renderError(error: Error): Node {
  const holder = document.createElement("div");
  holder.className = "cx-error";
  holder.textContent = error.message;
  return holder;
}
