// The arguments `run` and `check` share: notebook files, --json, --timeout SECONDS, --max-memory MB.
import { parseArgs } from "node:util";

export interface NotebookArgs {
  paths: string[];
  json: boolean;
  timeoutMs?: number;
  /** the heap limit of each notebook's worker */
  memoryMb?: number;
}

/** The parsed arguments, or undefined when no notebook was named (a usage error). */
export function parseNotebookArgs(argv: string[]): NotebookArgs | undefined {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { json: { type: "boolean" }, timeout: { type: "string" }, "max-memory": { type: "string" } },
  });
  if (positionals.length === 0) return undefined;
  const memory = values["max-memory"];
  if (memory !== undefined && !(Number(memory) >= 16)) throw new Error(`--max-memory takes megabytes (16 or more), not "${memory}"`);
  return {
    paths: positionals, json: values.json ?? false, timeoutMs: values.timeout ? Number(values.timeout) * 1000 : undefined,
    memoryMb: memory === undefined ? undefined : Math.floor(Number(memory)),
  };
}
