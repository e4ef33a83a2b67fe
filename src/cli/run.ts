// `crossexam run NOTEBOOK.html [--json]`: run every cell headless and report; exit 1 if any fails.
// Each notebook runs in its own worker (src/runtime/headless-watchdog.ts): one that hangs, runs
// out of memory or crashes is reported as failed, and the notebooks after it still run.
import { parseNotebookArgs } from "./notebook-args";
import { runNotebookFile, type RunReport } from "../runtime/headless";
import { STANDARD_LIBRARY_SOURCE } from "../stdlib/source";
import type { CommandIO } from "./io";

export const USAGE = "usage: crossexam run NOTEBOOK.html [more.html …] [--json] [--timeout SECONDS] [--max-memory MB]\n";

export async function runCommand(argv: string[], io: CommandIO): Promise<number> {
  const args = parseNotebookArgs(argv);
  if (!args) {
    io.stderr(USAGE);
    return 2;
  }
  const { paths, json, timeoutMs, memoryMb } = args;
  const reports: RunReport[] = [];
  let unreadable = 0;
  for (const path of paths) {
    try {
      const report = await runNotebookFile(path, { library: { source: STANDARD_LIBRARY_SOURCE }, timeoutMs, memoryMb });
      reports.push(report);
      if (!json) io.stdout(formatReport(report));
    } catch (error) {
      // not a notebook, or unreadable: say so, and go on with the others
      unreadable++;
      io.stderr(`${path}: ${(error as Error).message}\n`);
      if (json) reports.push({ notebook: path, title: "", ok: false, ms: 0, cells: [], values: new Map(), error: (error as Error).message });
    }
  }
  if (json) {
    const plain = reports.map(({ values: _values, ...rest }) => rest);
    io.stdout(`${JSON.stringify(plain.length === 1 ? plain[0] : plain, null, 2)}\n`);
  }
  const failed = reports.filter((r) => !r.ok && r.cells.length);
  for (const report of failed) {
    const bad = report.cells.filter((c) => c.status === "rejected" || c.status === "timeout");
    const cells = bad.length ? `${bad.length} cell${bad.length === 1 ? "" : "s"} failed: ${bad.map((c) => `#${c.id}`).join(", ")}` : "";
    io.stderr(`${report.notebook}: ${[cells, report.error].filter(Boolean).join("; ")}\n`);
  }
  return failed.length || unreadable ? 1 : 0;
}

export function formatReport(report: RunReport): string {
  const lines = [`${report.title} (${report.notebook}) — ${report.ok ? "ok" : "FAILED"} in ${report.ms} ms`];
  for (const c of report.cells) {
    const mark = { fulfilled: "✓", rejected: "✗", timeout: "⧗", skipped: "–" }[c.status];
    const time = c.ms === undefined ? "" : ` ${c.ms} ms`;
    const what = c.status === "rejected" || c.status === "timeout" ? `error: ${c.error}` : c.status === "skipped" ? `not run (mode ${c.mode})` : c.summary ?? "";
    lines.push(`  ${mark} #${c.id} ${c.mode}${time}  ${what}`);
  }
  if (report.error) lines.push(`  ✗ ${report.error}`);
  return `${lines.join("\n")}\n`;
}
