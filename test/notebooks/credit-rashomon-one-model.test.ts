// credit-rashomon.html invites moving ε to 0: then one model is in the set, and every cell still
// runs; the disagreement cell says there is nothing to compare, and no title counts "1 models".
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";
import { runNotebookFile } from "../../src/runtime/headless";
import { standardLibrary } from "../../src/stdlib";
import { scratchDir } from "../scratch-dir";

test("credit-rashomon.html with ε = 0 runs with every cell fulfilled, the set of one model a sentence", async () => {
  const root = scratchDir("crossexam-eps0-");
  symlinkSync(resolve("data"), join(root, "data"));
  mkdirSync(join(root, "notebooks"));
  const text = readFileSync("notebooks/credit-rashomon.html", "utf8");
  const zero = text.replace(/(Inputs\.range\(\[0, [\d.]+\], \{step: [\d.]+, value: )[\d.]+/, "$10");
  expect(zero).not.toBe(text);
  writeFileSync(join(root, "notebooks/r.html"), zero);
  const report = await runNotebookFile(join(root, "notebooks/r.html"), { library: standardLibrary, timeoutMs: 150_000 });
  expect(report.cells.filter((c) => c.status === "rejected" || c.status === "timeout").map((c) => `#${c.id}: ${c.error}`)).toEqual([]);
  const shown = report.cells.map((c) => `${c.summary ?? ""} ${c.outputs.join(" ")}`).join("\n");
  expect(shown).toMatch(/One model is within ε \(credit-rashomon-\d+\): nothing t/);
  expect(shown).not.toMatch(/\b1 models\b/);
}, 180_000);
