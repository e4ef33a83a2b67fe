// One-line summaries of cell values, for the headless runner's report.
import type { CellState } from "./cell-state";

/**
 * What a fulfilled cell gave, in one line: each name it declares with its value (`fine = 1042, rate = 0.25`,
 * then `· shows <form>` for an input or table view), else what it displayed, else its value. A CI log then shows what a notebook computed.
 */
export function summarizeCell(state: CellState, value: unknown, max = 160): string {
  const named = declaredValues(state.outputs, value);
  // names first when what the cell shows is only a form (an input, a sql cell's table view) and the names are
  // values, not an input's stream (`view(…)`: its form tells it best); else what it displayed, as it read
  const formsOnly = state.displayed.every(isForm);
  if (named && formsOnly && !Object.values(named).some(isGenerator)) {
    const shown = state.displayed.length ? ` · shows ${state.displayed.map(() => "<form>").join(", ")}` : "";
    return clip(Object.entries(named).map(([name, v]) => `${name} = ${summarize(v, 60)}`).join(", ") + shown, max);
  }
  if (state.displayed.length) return clip(state.displayed.map((v) => summarize(v, 60)).join("; "), max);
  return summarize(value, max);
}

function isForm(value: unknown): boolean {
  return typeof Element !== "undefined" && value instanceof Element && value.tagName.toLowerCase() === "form";
}

function isGenerator(value: unknown): boolean {
  return typeof value === "object" && value !== null && typeof (value as { next?: unknown }).next === "function"
    && typeof (value as { throw?: unknown }).throw === "function";
}

/**
 * The value of each name a cell declares: a cell of declarations gives an object of them; a cell
 * with one named output (`x = …` in ojs, `viewof x`, `mutable x`) gives the value itself.
 */
export function declaredValues(outputs: string[], value: unknown): Record<string, unknown> | undefined {
  if (!outputs.length) return undefined;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype
    && outputs.every((o) => Object.hasOwn(value, o))) {
    return Object.fromEntries(outputs.map((o) => [o, (value as Record<string, unknown>)[o]]));
  }
  return outputs.length === 1 ? { [outputs[0]]: value } : undefined;
}

/** Each declared name's one-line summary (the --json report's `values`). */
export function summarizeOutputs(state: CellState, value: unknown): Record<string, string> | undefined {
  const named = declaredValues(state.outputs, value);
  return named && Object.fromEntries(Object.entries(named).map(([name, v]) => [name, summarize(v, 80)]));
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function summarize(value: unknown, max = 80): string {
  return clip(describe(value), max);
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value === "function") return `ƒ ${value.name || "(anonymous)"}()`;
  if (typeof Element !== "undefined" && value instanceof Element) {
    const tag = value.tagName.toLowerCase();
    if (tag === "svg" || value.querySelector("svg")) {
      const marks = value.querySelectorAll("svg [aria-label] > *").length;
      return `<${tag}> plot${marks ? ` with ${marks} marks` : ""}`;
    }
    return `<${tag}> ${(value.textContent ?? "").trim().replace(/\s+/g, " ")}`;
  }
  if (isTable(value)) return `Table (${value.numRows()} rows × ${value.numCols()} columns)`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length})`;
  if (Array.isArray(value)) return `Array(${value.length})${value.length && isExplanation(value[0]) ? ` of ${value[0].kind}` : ""}`;
  if (isExplanation(value)) return `${value.kind}${value.feature ? ` of ${value.feature}` : ""} for ${value.model}`;
  if (value instanceof Map) return `Map(${value.size})`;
  if (value instanceof Set) return `Set(${value.size})`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  const keys = Object.keys(value as object);
  return `{${keys.slice(0, 6).join(", ")}${keys.length > 6 ? ", …" : ""}}`;
}

function isTable(value: unknown): value is { numRows(): number; numCols(): number } {
  return typeof (value as { numRows?: unknown }).numRows === "function" && typeof (value as { numCols?: unknown }).numCols === "function";
}

function isExplanation(value: unknown): value is { kind: string; model: string; feature?: string } {
  return typeof value === "object" && value !== null && "kind" in value && "model" in value && "evaluations" in value;
}
