// Which conclusions a fork changed: hypothesis values (`{hypothesis: {kind, text}, holds, of,
// verdict}`) found in the same cell of parent and fork, verdict before → after.

export interface HypothesisValue {
  hypothesis: { kind: string; text: string };
  holds: number;
  of: number;
  verdict: string;
}

export interface VerdictChange {
  cell: number;
  text: string;
  parent?: string;
  fork?: string;
  changed: boolean;
}

export function isHypothesis(value: unknown): value is HypothesisValue {
  const v = value as HypothesisValue;
  return typeof v === "object" && v !== null && typeof v.hypothesis === "object" && v.hypothesis !== null
    && typeof v.hypothesis.text === "string" && typeof v.verdict === "string";
}

/** Hypotheses a cell's value holds: one, or an array of them. */
export function hypothesesIn(value: unknown): HypothesisValue[] {
  if (isHypothesis(value)) return [value];
  return Array.isArray(value) ? value.filter(isHypothesis) : [];
}

/** Verdicts of both notebooks, matched by cell id and hypothesis text; `values` map a cell id to its value. */
export function compareVerdicts(parent: ReadonlyMap<number, unknown>, fork: ReadonlyMap<number, unknown>): VerdictChange[] {
  const ids = [...new Set([...fork.keys(), ...parent.keys()])];
  const out: VerdictChange[] = [];
  for (const cell of ids) {
    const before = new Map(hypothesesIn(parent.get(cell)).map((h) => [h.hypothesis.text, h.verdict]));
    const after = new Map(hypothesesIn(fork.get(cell)).map((h) => [h.hypothesis.text, h.verdict]));
    for (const text of new Set([...after.keys(), ...before.keys()])) {
      const p = before.get(text), f = after.get(text);
      out.push({ cell, text, parent: p, fork: f, changed: p !== f });
    }
  }
  return out;
}

/** What a cell holds for hypothesis lookup: its value, and each named output of it. */
export function cellValues(value: unknown, outputs: readonly string[]): unknown[] {
  const named = typeof value === "object" && value !== null && !isHypothesis(value)
    ? outputs.filter((o) => Object.hasOwn(value, o)).map((o) => (value as Record<string, unknown>)[o])
    : [];
  return [value, ...named].flatMap((v) => (Array.isArray(v) ? v : [v]));
}
