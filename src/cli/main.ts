// The `crossexam` command: one subcommand per job, each in its own module.
import type { CommandIO } from "./io";

type Command = (argv: string[], io: CommandIO) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  run: { summary: "run a notebook headless and report every cell", load: async () => (await import("./run")).runCommand },
  describe: { summary: "describe an ONNX model: inputs, outputs, kind, classes", load: async () => (await import("./describe")).describeCommand },
  predict: { summary: "score a table with an ONNX model, one score per row", load: async () => (await import("./predict")).predictCommand },
  explain: { summary: "compute one explanation of one model (importance, pdp, ice, ale, shap, breakdown, performance)", load: async () => (await import("./explain")).explainCommand },
  check: { summary: "run a notebook headless and check its expected hypotheses (exit 1 if one fails)", load: async () => (await import("./check")).checkCommand },
  build: { summary: "publish notebooks as a static read-only site", load: async () => (await import("./build")).buildCommand },
};

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    const list = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(9)} ${c.summary}`).join("\n");
    (name && name !== "help" && name !== "--help" ? io.stderr : io.stdout)(`${name && name !== "help" && name !== "--help" ? `unknown command "${name}"\n` : ""}usage: crossexam <command> [options]\n${list}\n`);
    return name && name !== "help" && name !== "--help" ? 2 : 0;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    io.stderr(`crossexam ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}
