// Compiles each WebAssembly text file under src/model/wasm/ (NAME.wat) into NAME-bytes.ts, the module's bytes
// as base64, so that Node, the page and the published site all load it with no fetch and no build step:
//   node scripts/build-wasm.mjs          (re)writes every NAME-bytes.ts
// test/model/wasm/bytes.test.ts compiles the .wat files again and fails when a committed NAME-bytes.ts is stale.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import wabtInit from "wabt";

export const WASM_DIR = fileURLToPath(new URL("../src/model/wasm/", import.meta.url));

/** The bytes of the module in the text file `path` (bulk memory on: memory.fill). */
export async function compileWat(path) {
  const wabt = await wabtInit();
  const parsed = wabt.parseWat(basename(path), readFileSync(path, "utf8"), { bulk_memory: true });
  try {
    parsed.validate();
    return new Uint8Array(parsed.toBinary({ write_debug_names: false }).buffer);
  } finally {
    parsed.destroy();
  }
}

/** The TypeScript module holding `bytes` as base64, generated from `watName`. */
export function bytesModule(watName, bytes) {
  const name = basename(watName, ".wat");
  const b64 = Buffer.from(bytes).toString("base64");
  const lines = b64.match(/.{1,100}/g) ?? [];
  return [
    `// Generated from ${name}.wat by scripts/build-wasm.mjs: do not edit; run \`node scripts/build-wasm.mjs\`.`,
    `export const ${camel(name)}Wasm =`,
    lines.map((l) => `  "${l}"`).join(" +\n") + ";",
    "",
  ].join("\n");
}

const camel = (s) => s.replace(/-(\w)/g, (_, c) => c.toUpperCase());

export const watFiles = () => readdirSync(WASM_DIR).filter((f) => f.endsWith(".wat")).map((f) => join(WASM_DIR, f));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const wat of watFiles()) {
    const out = wat.replace(/\.wat$/, "-bytes.ts");
    const bytes = await compileWat(wat);
    writeFileSync(out, bytesModule(wat, bytes));
    console.log(`${basename(out)}: ${bytes.length} bytes`);
  }
}
