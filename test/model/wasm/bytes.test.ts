// The committed WebAssembly bytes (src/model/wasm/NAME-bytes.ts) are what their text source compiles to today:
// a change to a .wat file without `node scripts/build-wasm.mjs` fails here, not in a user's page.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
// @ts-expect-error: a plain ES module script without types
import { bytesModule, compileWat, watFiles } from "../../../scripts/build-wasm.mjs";

test("every .wat under src/model/wasm has its bytes module, up to date", async () => {
  const files: string[] = watFiles();
  expect(files.length).toBeGreaterThan(0);
  for (const wat of files) {
    const committed = readFileSync(wat.replace(/\.wat$/, "-bytes.ts"), "utf8");
    expect(committed).toBe(bytesModule(wat, await compileWat(wat)));
  }
});
