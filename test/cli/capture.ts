// A CommandIO that keeps what a command prints, for assertions.
import type { CommandIO } from "../../src/cli/io";

export function capture(): { out: { stdout: string; stderr: string }; io: CommandIO } {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (s: string) => (out.stdout += s), stderr: (s: string) => (out.stderr += s) } };
}
