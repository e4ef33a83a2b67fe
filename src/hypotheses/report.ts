// Showing hypothesis results: a plain-text report (k of m, failing models) and plain rows a plot
// can draw; plus the shape test `crossexam check` uses to find results among a notebook's values.
import type { HypothesisResult } from "./types";

const VERDICTS = new Set(["holds", "fails", "mixed"]);

/** Whether a value has the shape of a hypothesis result (it may come from another module instance). */
export function isHypothesisResult(v: unknown): v is HypothesisResult {
  if (!v || typeof v !== "object") return false;
  const r = v as Record<string, unknown>, h = r.hypothesis as Record<string, unknown> | undefined;
  return !!h && typeof h === "object" && typeof h.kind === "string" && typeof h.text === "string"
    && typeof r.holds === "number" && typeof r.of === "number" && VERDICTS.has(r.verdict as string)
    && Array.isArray(r.perModel) && Array.isArray(r.failing);
}

export interface HypothesisRow {
  text: string;
  kind: string;
  holds: number;
  of: number;
  /** k / m */
  share: number;
  verdict: HypothesisResult["verdict"];
  expected: boolean;
  /** marked expected, and not holding in every model */
  violated: boolean;
  failing: string[];
}

export interface HypothesisReport {
  text: string;
  rows: HypothesisRow[];
  /** the expected hypotheses that do not hold in every model */
  violated: HypothesisRow[];
}

const MARK = { holds: "✓", fails: "✗", mixed: "◐" } as const;

export function hypothesisReport(results: HypothesisResult | readonly HypothesisResult[]): HypothesisReport {
  const list = Array.isArray(results) ? results : [results as HypothesisResult];
  const rows = list.map((r): HypothesisRow => {
    const expected = r.hypothesis.expected === true;
    return {
      text: r.hypothesis.text, kind: r.hypothesis.kind, holds: r.holds, of: r.of, share: r.of ? r.holds / r.of : 0,
      verdict: r.verdict, expected, violated: expected && r.holds < r.of, failing: [...r.failing],
    };
  });
  const lines = rows.map((r) => {
    const fail = r.failing.length ? `; fails in ${r.failing.slice(0, 8).join(", ")}${r.failing.length > 8 ? `, … (${r.failing.length})` : ""}` : "";
    return `${MARK[r.verdict]} ${r.text}: holds in ${r.holds} of ${r.of} model${r.of === 1 ? "" : "s"}${fail}${r.expected ? (r.violated ? "  [EXPECTED — VIOLATED]" : "  [expected]") : ""}`;
  });
  return { text: lines.join("\n"), rows, violated: rows.filter((r) => r.violated) };
}
