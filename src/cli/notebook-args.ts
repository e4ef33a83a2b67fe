// The arguments `run` and `check` share: notebook files, --json, --timeout SECONDS.
import { parseArgs } from "node:util";

export interface NotebookArgs {
  paths: string[];
  json: boolean;
  timeoutMs?: number;
}

/** The parsed arguments, or undefined when no notebook was named (a usage error). */
export function parseNotebookArgs(argv: string[]): NotebookArgs | undefined {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { json: { type: "boolean" }, timeout: { type: "string" } },
  });
  if (positionals.length === 0) return undefined;
  return { paths: positionals, json: values.json ?? false, timeoutMs: values.timeout ? Number(values.timeout) * 1000 : undefined };
}
