// One-line summaries of cell values, for the headless runner's report.

export function summarize(value: unknown, max = 80): string {
  const text = describe(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
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
