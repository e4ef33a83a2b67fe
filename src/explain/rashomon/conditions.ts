// Conditions on one feature (`x1 > 0.5`, `group = c`) and slices (one or two conditions joined by
// "and"): parsing, readable text, and the rows they select.
import type { Batch } from "../../model/types";
import { isNumeric } from "../batch";
import { checkFeature, ExplainError } from "../errors";

export type Operator = "<=" | ">" | "<" | ">=" | "=" | "!=";

export interface Condition {
  feature: string;
  op: Operator;
  value: number | string;
}

const OPERATORS: Operator[] = ["<=", ">=", "!=", "<", ">", "="];

/** "x1 > 0.5", "group = c" (numbers are printed with 4 significant digits). */
export function conditionText(c: Condition): string {
  const v = typeof c.value === "number" ? Number(c.value.toPrecision(4)).toString() : c.value;
  return `${c.feature} ${c.op} ${v}`;
}

export function sliceText(conditions: readonly Condition[]): string {
  return conditions.length === 0 ? "all rows" : conditions.map(conditionText).join(" and ");
}

/** Reads "x1 > 0.5" or "group = c" (also "==" for "="); a number on the right is read as a number. */
export function parseCondition(text: string): Condition {
  const m = /^\s*([^<>=!]+?)\s*(<=|>=|!=|==|<|>|=)\s*(.+?)\s*$/.exec(text);
  if (!m || /^[<>=!]/.test(m[3])) throw new ExplainError(`cannot read the condition "${text}"; write it like "x1 > 0.5" or "group = c" (operators <=, <, >, >=, =, !=)`);
  const op = (m[2] === "==" ? "=" : m[2]) as Operator;
  const raw = m[3].replace(/^["']|["']$/g, "");
  const num = Number(raw);
  return { feature: m[1], op, value: raw !== "" && Number.isFinite(num) && !/^["']/.test(m[3]) ? num : raw };
}

/** A condition from its text or object form. */
export function toCondition(c: Condition | string): Condition {
  return typeof c === "string" ? parseCondition(c) : c;
}

/** 1 for each row meeting the condition; missing values meet none (not even `!=`). */
export function conditionMask(data: Batch, c: Condition): Uint8Array {
  checkFeature(data, c.feature);
  if (!OPERATORS.includes(c.op)) throw new ExplainError(`unknown operator \`${c.op}\` in condition on \`${c.feature}\`; use ${OPERATORS.join(", ")}`);
  const col = data.columns[c.feature];
  const out = new Uint8Array(data.n);
  if (isNumeric(col)) {
    const v = Number(c.value);
    if (Number.isNaN(v)) throw new ExplainError(`\`${c.feature}\` is numeric; the condition "${conditionText(c)}" compares it with a non-number`);
    for (let i = 0; i < data.n; i++) {
      const x = col[i];
      if (Number.isNaN(x)) continue;
      out[i] = Number(c.op === "<=" ? x <= v : c.op === "<" ? x < v : c.op === ">" ? x > v : c.op === ">=" ? x >= v : c.op === "=" ? x === v : x !== v);
    }
  } else {
    if (c.op !== "=" && c.op !== "!=") throw new ExplainError(`\`${c.feature}\` is categorical; use = or != (not ${c.op}) in "${conditionText(c)}"`);
    const v = String(c.value);
    for (let i = 0; i < data.n; i++) {
      const x = col[i];
      if (x === null || x === undefined) continue;
      out[i] = Number(c.op === "=" ? String(x) === v : String(x) !== v);
    }
  }
  return out;
}

/** Indices of the rows meeting every condition. */
export function sliceRows(data: Batch, conditions: readonly Condition[]): number[] {
  const masks = conditions.map((c) => conditionMask(data, c));
  const rows: number[] = [];
  for (let i = 0; i < data.n; i++) if (masks.every((m) => m[i])) rows.push(i);
  return rows;
}
