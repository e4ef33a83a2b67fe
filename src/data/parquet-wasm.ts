// Loading parquet-wasm's WebAssembly once, in Node and in the browser.
// We always use the package's ESM build (one module instance, one API):
// in Node its .wasm is read from node_modules with fs; in the browser Vite serves
// the same file through a `?url` import. Both branches are dynamic imports, so neither
// environment ever loads the other's code.
import type * as ParquetWasm from "parquet-wasm/esm";
import { nodeImport } from "./node-import";

export type ParquetModule = typeof ParquetWasm;

let loading: Promise<ParquetModule> | null = null;

/** parquet-wasm, initialised (the first call loads the wasm; later calls share it). */
export function parquetWasm(): Promise<ParquetModule> {
  loading ??= init().catch((e) => { loading = null; throw e; });
  return loading;
}

async function init(): Promise<ParquetModule> {
  const mod = await import("parquet-wasm/esm");
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (typeof proc?.versions?.node === "string") {
    const [{ readFile }, { createRequire }] = await Promise.all([
      nodeImport<typeof import("node:fs/promises")>("node:fs/promises"),
      nodeImport<typeof import("node:module")>("node:module"),
    ]);
    const path = createRequire(import.meta.url).resolve("parquet-wasm/esm/parquet_wasm_bg.wasm");
    mod.initSync({ module: await readFile(path) });
  } else {
    const { default: url } = await import("parquet-wasm/esm/parquet_wasm_bg.wasm?url");
    await mod.default({ module_or_path: url });
  }
  return mod;
}
