// The `crossexam` command: one subcommand per job, each in its own module.
import type { CommandIO } from "./io";

type Command = (argv: string[], io: CommandIO) => Promise<number>;
const HELP = new Set(["help", "--help", "-h"]);

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: Command; usage: string }> }> = {
  run: { summary: "run a notebook headless and report every cell", load: async () => { const m = await import("./run"); return { run: m.runCommand, usage: m.USAGE }; } },
  describe: { summary: "describe an ONNX model: inputs, outputs, kind, classes", load: async () => { const m = await import("./describe"); return { run: m.describeCommand, usage: m.USAGE }; } },
  predict: { summary: "score a table with an ONNX model, one score per row", load: async () => { const m = await import("./predict"); return { run: m.predictCommand, usage: m.USAGE }; } },
  explain: { summary: "compute one explanation of one model (importance, pdp, ice, ale, shap, breakdown, performance)", load: async () => { const m = await import("./explain"); return { run: m.explainCommand, usage: m.USAGE }; } },
  check: { summary: "run a notebook headless and check its expected hypotheses (exit 1 if one fails)", load: async () => { const m = await import("./check"); return { run: m.checkCommand, usage: m.USAGE }; } },
  build: { summary: "publish notebooks as a static read-only site", load: async () => { const m = await import("./build"); return { run: m.buildCommand, usage: m.USAGE }; } },
  new: { summary: "write a notebook for your own ONNX model(s) and table", load: async () => { const m = await import("./new"); return { run: m.newCommand, usage: m.USAGE }; } },
};

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    const list = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(9)} ${c.summary}`).join("\n");
    const unknown = name !== undefined && !HELP.has(name);
    (unknown ? io.stderr : io.stdout)(`${unknown ? `unknown command "${name}"\n` : ""}usage: crossexam <command> [options]\n${list}\n`);
    return unknown ? 2 : 0;
  }
  try {
    const { run, usage } = await command.load();
    // every command answers --help the same way: its usage on stdout, exit 0
    if (rest.some((a) => a === "--help" || a === "-h")) {
      io.stdout(usage);
      return 0;
    }
    return await run(rest, io);
  } catch (error) {
    io.stderr(`crossexam ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}
