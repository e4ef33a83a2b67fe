// The `crossexam` entry point: a list of commands, and --help answered the same way by each.
import { describe, expect, test } from "vitest";
import { main } from "../../src/cli/main";
import { capture } from "./capture";

describe("crossexam", () => {
  test("without a command, lists every command on stdout", async () => {
    const { out, io } = capture();
    expect(await main([], io)).toBe(0);
    for (const name of ["run", "describe", "predict", "explain", "check", "build"]) expect(out.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
  });

  test("an unknown command is a usage error (exit 2) naming it", async () => {
    const { out, io } = capture();
    expect(await main(["explian"], io)).toBe(2);
    expect(out.stderr).toMatch(/unknown command "explian"/);
  });

  test.each(["run", "describe", "predict", "explain", "check", "build"])("`%s --help` prints that command's usage on stdout and exits 0", async (name) => {
    const { out, io } = capture();
    expect(await main([name, "--help"], io)).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`^usage: crossexam ${name} `));
    expect(out.stderr).toBe("");
  });
});
