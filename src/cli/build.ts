// `crossexam build [NOTEBOOK.html …] --out dist`: publish notebooks as a static, read-only site.
import { parseArgs } from "node:util";
import { buildSite } from "../publish/build-site";
import type { CommandIO } from "./io";

export const USAGE = "usage: crossexam build [NOTEBOOK.html …] [--out dist] [--root .] [--verbose]\n" +
  "  publishes the given notebooks (default: every notebooks/*.html) with the data and models they name\n";

export async function buildCommand(argv: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: { out: { type: "string", default: "dist" }, root: { type: "string", default: "." }, verbose: { type: "boolean" }, help: { type: "boolean" } },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) { io.stdout(USAGE); return 0; }
  const report = await buildSite({ root: values.root!, outDir: values.out!, notebooks: positionals, verbose: values.verbose });
  io.stdout(`published ${report.notebooks.length} notebook${report.notebooks.length === 1 ? "" : "s"} and ${report.files.length} files to ${report.outDir} (${(report.bytes / 1e6).toFixed(1)} MB, ${(report.ms / 1000).toFixed(1)} s)\n`);
  for (const e of report.notebooks) io.stdout(`  ${e.path}  ${e.title}\n`);
  io.stdout(`serve it with any static server; open index.html\n`);
  return 0;
}
