import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { buildCommand } from "../../src/cli/build";
import { scratchDir } from "../scratch-dir";
import { capture } from "../cli/capture";

describe("crossexam build", () => {
  test("--help prints the usage and exits 0", async () => {
    const { out, io } = capture();
    expect(await buildCommand(["--help"], io)).toBe(0);
    expect(out.stdout).toMatch(/usage: crossexam build \[NOTEBOOK.html …\] \[--out dist\]/);
  });
  test("an unknown option prints the usage and exits 2", async () => {
    const { out, io } = capture();
    expect(await buildCommand(["--outt", "x"], io)).toBe(2);
    expect(out.stderr).toMatch(/usage: crossexam build/);
  });
  test("a notebook whose cell does not parse is refused before anything is written", async () => {
    const out = join(scratchDir("cx-build-"), "site");
    const { io } = capture();
    await expect(buildCommand(["test/fixtures/notebooks/broken.html", "--out", out], io)).rejects.toThrow(/broken\.html, cell #1/);
    expect(existsSync(out)).toBe(false);
  });
});
