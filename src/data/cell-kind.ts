// Sorting single cells into kinds, the unit of type inference. Text is read the way a
// person would: "3.5" is a number, "TRUE" a boolean, "NA" (by default) missing.

export const Cell = { Missing: 0, Number: 1, Boolean: 2, Date: 3, Text: 4 } as const;
export type Cell = (typeof Cell)[keyof typeof Cell];

const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const BOOLEAN = /^(?:true|false)$/i;

export function cellKind(v: unknown, na: ReadonlySet<string>): Cell {
  if (v === null || v === undefined) return Cell.Missing;
  switch (typeof v) {
    case "number": return v === v ? Cell.Number : Cell.Missing;
    case "bigint": return Cell.Number;
    case "boolean": return Cell.Boolean;
    case "string": {
      if (na.has(v) || na.has(v.trim())) return Cell.Missing;
      if (NUMERIC.test(v)) return Cell.Number;
      if (BOOLEAN.test(v)) return Cell.Boolean;
      return Cell.Text;
    }
  }
  return v instanceof Date ? Cell.Date : Cell.Text;
}

/** The number a numeric cell holds (NaN for missing). */
export function cellNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string") return +v;
  if (typeof v === "boolean") return v ? 1 : 0;
  return NaN;
}

/** The boolean a boolean cell holds. */
export function cellBoolean(v: unknown): boolean {
  if (typeof v === "string") return v.toLowerCase() === "true" || v === "1";
  return v === true || v === 1;
}

/** A cell as a category label. */
export function cellLabel(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "string") return v;
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
