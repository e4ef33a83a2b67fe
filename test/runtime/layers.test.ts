// The floors, bottom up: notebook → runtime → stdlib → ui/cli. A floor imports only from below.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

function importsOf(dir: string): { file: string; from: string }[] {
  const out: { file: string; from: string }[] = [];
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    if (!entry.endsWith(".ts")) continue;
    const text = readFileSync(join(dir, entry), "utf8");
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^;]*?from\s+"([^"]+)"/g)) out.push({ file: entry, from: m[1] });
  }
  return out;
}

describe("the runtime floor", () => {
  test("src/runtime imports nothing from the standard library or the UI above it", () => {
    const upward = importsOf("src/runtime").filter(({ from }) => /^\.\.\/(stdlib|ui|cli|publish|server)\b/.test(from));
    expect(upward).toEqual([]);
  });

  // the panel grid is a library for cells whose code sits in src/ui/panels (it reads only data,
  // explain, model and plots); the rest of the UI is above the standard library
  test("src/stdlib imports nothing from the UI or the CLI but the panel grid", () => {
    const upward = importsOf("src/stdlib").filter(({ from }) => /^\.\.\/(ui|cli|publish|server)\b/.test(from) && from !== "../ui/panels/index");
    expect(upward.map((u) => `${u.file}: ${u.from}`)).toEqual([]);
  });
});
