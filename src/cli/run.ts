// `crossexam run NOTEBOOK.html [--json]`: run every cell headless and report; exit 1 if any fails.
import { parseNotebookArgs } from "./notebook-args";
import { runNotebookFile, type RunReport } from "../runtime/headless";
import { standardLibrary } from "../stdlib/index";
import type { CommandIO } from "./io";

export const USAGE = "usage: crossexam run NOTEBOOK.html [more.html …] [--json] [--timeout SECONDS]\n";

export async function runCommand(argv: string[], io: CommandIO): Promise<number> {
  const args = parseNotebookArgs(argv);
  if (!args) {
    io.stderr(USAGE);
    return 2;
  }
  const { paths, json, timeoutMs } = args;
  const reports: RunReport[] = [];
  for (const path of paths) {
    try {
      reports.push(await runNotebookFile(path, { library: standardLibrary, timeoutMs }));
    } catch (error) {
      io.stderr(`${path}: ${(error as Error).message}\n`);
      return 1;
    }
  }
  if (json) {
    const plain = reports.map(({ values: _values, ...rest }) => rest);
    io.stdout(`${JSON.stringify(plain.length === 1 ? plain[0] : plain, null, 2)}\n`);
  } else {
    for (const report of reports) io.stdout(formatReport(report));
  }
  const failed = reports.filter((r) => !r.ok);
  for (const report of failed) {
    const bad = report.cells.filter((c) => c.status === "rejected" || c.status === "timeout");
    io.stderr(`${report.notebook}: ${bad.length} cell${bad.length === 1 ? "" : "s"} failed: ${bad.map((c) => `#${c.id}`).join(", ")}\n`);
  }
  return failed.length ? 1 : 0;
}

export function formatReport(report: RunReport): string {
  const lines = [`${report.title} (${report.notebook}) — ${report.ok ? "ok" : "FAILED"} in ${report.ms} ms`];
  for (const c of report.cells) {
    const mark = { fulfilled: "✓", rejected: "✗", timeout: "⧗", skipped: "–" }[c.status];
    const time = c.ms === undefined ? "" : ` ${c.ms} ms`;
    const what = c.status === "rejected" || c.status === "timeout" ? `error: ${c.error}` : c.status === "skipped" ? `not run (mode ${c.mode})` : c.summary ?? "";
    lines.push(`  ${mark} #${c.id} ${c.mode}${time}  ${what}`);
  }
  return `${lines.join("\n")}\n`;
}
