// loadTable in a real browser (Chromium, headless): the Parquet wasm must load through Vite,
// both from the dev server and from a production build, with no Node built-in in the bundle.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, copyFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build, createServer, preview } from "vite";
import { afterAll, describe, expect, test } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const repo = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
const fixture = `${repo}/test/data/corpus/people.csv`;
const root = mkdtempSync(join(tmpdir(), "crossexam-data-browser-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// the page loads one Parquet and one CSV file and publishes what it got (or the error)
function writePage() {
  mkdirSync(join(root, "public"), { recursive: true });
  copyFileSync(`${repo}/test/data/corpus/people.parquet`, join(root, "public/people.parquet"));
  copyFileSync(fixture, join(root, "public/people.csv"));
  writeFileSync(join(root, "main.ts"), `import { loadTable } from "${repo}/src/data/index.ts";
try {
  const parquet = await loadTable("/people.parquet");
  const csv = await loadTable("people.csv");
  (window as any).result = { parquet: parquet.table.objects(), csv: csv.table.objects() };
} catch (e) { (window as any).result = { error: (e as Error).message }; }`);
  writeFileSync(join(root, "index.html"), `<!doctype html><script type="module" src="./main.ts"></script>`);
}

async function resultAt(url: string): Promise<{ parquet?: unknown; csv?: unknown; error?: string }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (window as any).result !== undefined, null, { timeout: 30_000 });
    return await page.evaluate(() => (window as any).result);
  } finally {
    await browser.close();
  }
}

describe.skipIf(!existsSync(CHROMIUM))("loadTable in the browser", () => {
  writePage();
  const config = { root, configFile: false as const, logLevel: "error" as const };

  test("from the Vite dev server: Parquet and CSV load to the same rows", async () => {
    const server = await createServer({ ...config, server: { host: "127.0.0.1", port: 0, fs: { allow: [repo, root] } } });
    await server.listen();
    try {
      const got = await resultAt(server.resolvedUrls!.local[0]);
      expect(got.error).toBeUndefined();
      expect(got.parquet).toHaveLength(5);
      expect(got.parquet).toEqual(got.csv);
    } finally {
      await server.close();
    }
  });

  test("from a production build: the wasm is emitted as an asset and no Node module is bundled", async () => {
    const outDir = join(root, "dist");
    await build({ ...config, build: { outDir, target: "es2022" } });
    const assets = readdirSync(join(outDir, "assets"));
    expect(assets.some((f) => f.endsWith(".wasm"))).toBe(true);
    const js = assets.filter((f) => f.endsWith(".js")).map((f) => readFileSync(join(outDir, "assets", f), "utf8")).join("\n");
    expect(js).not.toContain("__vite-browser-external");
    const server = await preview({ ...config, build: { outDir }, preview: { host: "127.0.0.1", port: 0 } });
    try {
      const got = await resultAt(server.resolvedUrls!.local[0]);
      expect(got.error).toBeUndefined();
      expect(got.parquet).toEqual(got.csv);
    } finally {
      await new Promise((done) => server.httpServer.close(done));
    }
  });
});
