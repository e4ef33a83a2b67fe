// A real Chromium page for a test file, with the page's console errors collected.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { LAUNCH_ARGS } from "./chromium";

export const chromiumExecutable = inject("chromium");
export const devServer = inject("devServer");

// One Chromium for every browser test file of a run (`npm test` imports them all into one module
// graph, all.e2e.ts; a file named alone has its own): a launch costs 1–3 s of a busy machine, and
// the files launched 18. What a file sees is its own: `launch()` gives it a browser whose pages and
// contexts are new contexts of the shared one (no storage, cache or cookies in common), all closed
// by its `close()`. The Chromium itself closes when the module graph is done (this hook is
// registered in the root suite of the file that first imports this module).
let shared: Promise<Browser> | undefined;
afterAll(async () => { await (await shared)?.close(); shared = undefined; });

export async function launch(): Promise<Browser> {
  shared ??= chromium.launch({ executablePath: chromiumExecutable, headless: true, args: LAUNCH_ARGS });
  const browser = await shared;
  const contexts = new Set<BrowserContext>();
  const own = (context: BrowserContext) => {
    contexts.add(context);
    context.on("close", () => contexts.delete(context));
    return context;
  };
  const mine = {
    newContext: async (options?: Parameters<Browser["newContext"]>[0]) => own(await browser.newContext(options)),
    // as Browser.newPage: a page in a context of its own, which closes with the page
    newPage: async (options?: Parameters<Browser["newPage"]>[0]) => {
      const context = own(await browser.newContext(options));
      const page = await context.newPage();
      page.on("close", () => void context.close());
      return page;
    },
    close: async () => { await Promise.all([...contexts].map((c) => c.close())); },
  };
  return mine as unknown as Browser;
}

export async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(url);
  return { page, errors };
}

/** Screenshots land in test/.artifacts/ (ignored by git) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync("test/.artifacts", { recursive: true });
  await page.screenshot({ path: `test/.artifacts/${name}.png`, fullPage: true });
}

/** A notebook of module cells (ids 1, 2, … in order) with `title`, as the format writes one. */
export function cellsNotebook(title: string, cells: readonly string[]): string {
  const scripts = cells.map((c, i) => `  <script id="${i + 1}" type="module">\n    ${c}\n  </script>`).join("\n");
  return `<!doctype html>\n<notebook theme="air">\n  <title>${title}</title>\n${scripts}\n</notebook>\n`;
}

/**
 * For the enclosing describe: `html` written to notebooks/zz-PREFIX-RANDOM.html and a browser, both gone after
 * it; `open()` opens the notebook in the dev server's page.
 */
export function scratchNotebook(prefix: string, html: string): { path: string; open: () => Promise<{ page: Page; errors: string[] }> } {
  const path = `notebooks/zz-${prefix}-${randomBytes(4).toString("hex")}.html`;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await writeFile(path, html);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await rm(path, { force: true });
  });
  return { path, open: () => openPage(browser!, `${devServer}notebook.html?path=${encodeURIComponent(path)}`) };
}
