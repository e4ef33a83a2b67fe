// `crossexam check NOTEBOOK.html [--json] [--timeout SECONDS]`: run the notebook headless, collect
// every hypothesis result among its cells' named values (a result, or an array of results), print
// each with k of m and the failing models, and exit 1 when a hypothesis marked expected does not
// hold in every model — or when the notebook itself fails to run.
import { parseNotebookArgs } from "./notebook-args";
import { hypothesisReport, isHypothesisResult } from "../hypotheses/report";
import type { HypothesisResult } from "../hypotheses/types";
import { runNotebookFile } from "../runtime/headless";
import { STANDARD_LIBRARY_SOURCE } from "../stdlib/source";
import type { CommandIO } from "./io";

export interface FoundResult {
  /** the cell output (variable) holding it */
  name: string;
  result: HypothesisResult;
}

/** Hypothesis results among a notebook's named values, in cell order. */
export function collectResults(values: ReadonlyMap<string, unknown>): FoundResult[] {
  const found: FoundResult[] = [];
  for (const [name, value] of values) {
    if (isHypothesisResult(value)) found.push({ name, result: value });
    else if (Array.isArray(value)) for (const v of value) if (isHypothesisResult(v)) found.push({ name, result: v });
  }
  return found;
}

export const USAGE = "usage: crossexam check NOTEBOOK.html [more.html …] [--json] [--timeout SECONDS] [--max-memory MB]\n";

export async function checkCommand(argv: string[], io: CommandIO): Promise<number> {
  const args = parseNotebookArgs(argv);
  if (!args) {
    io.stderr(USAGE);
    return 2;
  }
  const { paths, json, timeoutMs, memoryMb } = args;
  let failed = false;
  const summaries: unknown[] = [];
  for (const path of paths) {
    let report;
    try {
      report = await runNotebookFile(path, { library: { source: STANDARD_LIBRARY_SOURCE }, timeoutMs, memoryMb });
    } catch (error) {
      io.stderr(`${path}: ${(error as Error).message}\n`);
      failed = true;
      continue;
    }
    const found = collectResults(report.values);
    const shown = hypothesisReport(found.map((f) => f.result));
    const broken = report.cells.filter((c) => c.status === "rejected" || c.status === "timeout");
    if (json) {
      summaries.push({ notebook: path, ok: report.ok, hypotheses: shown.rows.map((r, k) => ({ cell: found[k].name, ...r })), failedCells: broken.map((c) => ({ id: c.id, error: c.error })) });
    } else {
      io.stdout(`${report.title} (${path}): ${found.length} hypothes${found.length === 1 ? "is" : "es"}\n`);
      shown.text.split("\n").filter(Boolean).forEach((line, k) => io.stdout(`  ${found[k].name}: ${line}\n`));
      if (found.length === 0) io.stdout("  (no hypothesis results among the notebook's named cell values)\n");
    }
    if (broken.length > 0 || report.error) {
      failed = true;
      io.stderr(`${path}: the notebook did not run: ${[...broken.map((c) => `cell #${c.id}: ${c.error}`), report.error].filter(Boolean).join("; ")}\n`);
    }
    if (shown.violated.length > 0) {
      failed = true;
      io.stderr(`${path}: ${shown.violated.length} expected hypothes${shown.violated.length === 1 ? "is does" : "es do"} not hold in every model:\n`);
      for (const r of shown.violated) io.stderr(`  ✗ ${r.text}: holds in ${r.holds} of ${r.of}; fails in ${r.failing.join(", ")}\n`);
    }
  }
  if (json) io.stdout(`${JSON.stringify(summaries.length === 1 ? summaries[0] : summaries, null, 2)}\n`);
  return failed ? 1 : 0;
}
