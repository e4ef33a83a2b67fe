// The published site, end to end: build a small site, serve it from a plain static server (no
// cross-origin isolation headers, as many hosts), and read it in Chromium as a reader would.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { BuildReport } from "../../src/publish/build-site";
import { serveStatic, type StaticServer } from "../../src/publish/static-server";
import { chromiumExecutable, launch, openPage, screenshot } from "./browser";
import { publishedSite } from "./published-site";

// the notebooks run and render in the notebook frame (one origin with the page on a static host)
const nb = (page: Page) => page.frameLocator("iframe.cx-frame");

const ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

async function setGridPoints(page: Page, value: number): Promise<void> {
  const number = nb(page).locator("section[data-cell-id='2'] input[type=number]");
  await number.fill(String(value));
  await number.dispatchEvent("input");
}

/** Waits for `pattern` in `read()`; a timeout says what the page logged as errors meanwhile. */
async function waitForText(read: () => Promise<string | null>, pattern: RegExp, errors: string[], timeout = 90_000): Promise<void> {
  try {
    await expect.poll(read, { timeout }).toMatch(pattern);
  } catch (error) {
    (error as Error).message += `\nthe page's errors: ${errors.length ? errors.join("\n") : "(none)"}`;
    throw error;
  }
}

const pdLocator = (page: Page) => nb(page).locator("section[data-cell-id='6'] .cx-output").first();
const pdText = async (page: Page) => ((await pdLocator(page).textContent()) ?? "").trim();

// pages opened by a test, closed after it: each holds a runtime and onnxruntime's wasm
const pages: Page[] = [];
async function open(browser: Browser, url: string) {
  const opened = await openPage(browser, url);
  pages.push(opened.page);
  return opened;
}

describe.skipIf(!chromiumExecutable)("a published site on a plain static server (Chromium)", () => {
  let browser: Browser;
  let report: BuildReport;
  let outDir: string;
  const callerNodeEnv = process.env.NODE_ENV;
  let plain: StaticServer;
  let isolated: StaticServer;

  beforeAll(async () => {
    report = await publishedSite();
    outDir = report.outDir;
    plain = await serveStatic(outDir);
    isolated = await serveStatic(outDir, { headers: ISOLATION });
    browser = await launch();
  }, 180_000);
  afterEach(async () => { for (const page of pages.splice(0)) await page.close(); });
  afterAll(async () => { await browser?.close(); await plain?.close(); await isolated?.close(); });

  test("the build copies the notebooks, the data and the model with its card, and lists the notebooks", async () => {
    expect(report.files).toEqual(["data/models/synthetic/y-gbm.card.json", "data/models/synthetic/y-gbm.onnx", "data/synthetic.csv"]);
    const index = await (await fetch(`${plain.url}notebooks/index.json`)).json();
    expect(index.map((e: { path: string }) => e.path)).toEqual(["notebooks/publish-demo.html", "notebooks/hello.html"]);
    for (const path of ["index.html", "view.html", "compare.html", "notebooks/publish-demo.html", "data/models/synthetic/y-gbm.onnx"]) {
      expect((await fetch(plain.url + path)).status, path).toBe(200);
    }
    // the listing a notebook asks before reading an optional file (a model's card) names exactly the site's files
    const listing = await (await fetch(`${plain.url}notebooks/files.json`)).json();
    expect(listing.files).toEqual([...report.files, "notebooks/files.json", "notebooks/hello.html", "notebooks/index.json", "notebooks/publish-demo.html"]);
    // the editor is not part of a published site
    expect((await fetch(`${plain.url}notebook.html`)).status).toBe(404);
  });

  test("the pages are a production bundle without the TypeScript compiler, though built under vitest (NODE_ENV=test); the caller's NODE_ENV is left as it was", () => {
    expect(process.env.NODE_ENV).toBe(callerNodeEnv);
    const assets = join(outDir, "assets");
    const scripts = readdirSync(assets).filter((f) => f.endsWith(".js")).map((f) => readFileSync(join(assets, f), "utf8")).join("\n");
    expect(scripts).not.toContain("Lit is in dev mode");
    expect(scripts).toContain("TypeScript cells run in the headless runner");
  });

  test("onnxruntime's chunk imports no page code: its threads load it in workers, which have no document", () => {
    const assets = join(outDir, "assets");
    const ortChunks = readdirSync(assets).filter((f) => /^ort-.*\.js$/.test(f));
    expect(ortChunks.length).toBeGreaterThan(0);
    for (const chunk of ortChunks) {
      const imported = [...readFileSync(join(assets, chunk), "utf8").matchAll(/(?:import|from)\s*["'`]\.\/([^"'`]+)["'`]/g)].map((m) => m[1]);
      for (const name of imported) expect(name, `${chunk} imports ${name}`).toMatch(/^(ort-|rolldown-runtime-)/);
    }
  });

  test("the front page lists the published notebooks and opens one read-only", async () => {
    const { page, errors } = await open(browser, plain.url);
    const link = page.locator("ul.cx-gallery a", { hasText: "Publish demo" });
    await link.click();
    await page.waitForURL(/view\.html\?path=notebooks%2Fpublish-demo\.html/);
    await waitForText(() => pdText(page), /at 5 points/, errors, 90_000);
    expect(await nb(page).locator(".cm-editor, textarea").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test("single-threaded without isolation headers: moving the input recomputes the partial dependence in the browser", async () => {
    const { page, errors } = await open(browser, `${plain.url}view.html?path=notebooks/publish-demo.html`);
    await waitForText(() => pdText(page), /at 5 points: (-?\d\.\d{3} · ){4}-?\d\.\d{3}$/, errors, 90_000);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await expect.poll(() => page.locator("#threads").textContent()).toMatch(/single thread/);
    // code is folded, and a reader can unfold it
    const source = nb(page).locator("section[data-cell-id='5'] details.cx-source");
    expect(await source.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await source.locator("summary").click();
    await expect.poll(() => source.locator("pre").isVisible()).toBe(true);
    const before = await pdText(page);
    await setGridPoints(page, 9);
    await waitForText(() => pdText(page), /at 9 points: (-?\d\.\d{3} · ){8}-?\d\.\d{3}$/, errors);
    expect(await pdText(page)).not.toBe(before);
    await screenshot(page, "publish-view");
    expect(errors).toEqual([]);
  });

  test("multi-threaded when the host sends isolation headers, with the same numbers", async () => {
    const { page, errors } = await open(browser, `${isolated.url}view.html?path=notebooks/publish-demo.html`);
    await waitForText(() => pdText(page), /at 5 points/, errors, 90_000);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect.poll(() => page.locator("#threads").textContent()).toMatch(/multi-threaded/);
    const threaded = await pdText(page);
    const { page: single, errors: singleErrors } = await open(browser, `${plain.url}view.html?path=notebooks/publish-demo.html`);
    await waitForText(() => pdText(single), /at 5 points/, singleErrors, 90_000);
    expect(await pdText(single)).toBe(threaded);
    expect(errors).toEqual([]);
    expect(singleErrors).toEqual([]);
  });

  test("a share link opens untrusted: code shown, nothing run until Trust and run, then remembered", async () => {
    const { page, errors } = await open(browser, `${plain.url}view.html?path=notebooks/hello.html`);
    await page.locator("button.cx-share").click();
    const link = await page.locator("input[aria-label='share link']").inputValue();
    expect(link).toMatch(/view\.html#nb=[A-Za-z0-9_-]+$/);

    const { page: reader, errors: readerErrors } = await open(browser, link);
    const gate = reader.locator("cx-trust-gate");
    await expect.poll(() => gate.textContent()).toMatch(/comes from a share link: nothing has run/);
    await expect.poll(() => gate.locator("pre").first().textContent()).toContain("Hello, crossexam");
    expect(await reader.locator("iframe").count()).toBe(0);
    await reader.locator("button.cx-trust-run").click();
    await waitForText(() => nb(reader).locator("section[data-cell-id='5']").textContent(), /The table has 50 rows\./, readerErrors);
    // same browser context (same localStorage): the same content now runs directly
    await reader.reload();
    await waitForText(() => nb(reader).locator("section[data-cell-id='5']").textContent(), /The table has 50 rows\./, readerErrors);
    expect(await reader.locator("cx-trust-gate").count()).toBe(0);
    expect(errors).toEqual([]);
    expect(readerErrors).toEqual([]);
  });

  test("Fork on a static site keeps the fork in this browser; after an edit, Compare shows the change and what follows from it", async () => {
    const { page, errors } = await open(browser, `${plain.url}view.html?path=notebooks/publish-demo.html`);
    await waitForText(() => pdText(page), /at 5 points/, errors, 90_000);
    const download = page.waitForEvent("download", { timeout: 30_000 });
    await page.locator("button.cx-fork").click();
    const saved = await download.catch(async (error: Error) => {
      const said = await page.locator("cx-fork-button [role=status]").textContent().catch(() => null);
      throw new Error(`${error.message}\nthe fork button says: ${said ?? "(nothing)"}\nthe page's errors: ${errors.join("\n") || "(none)"}`);
    });
    expect(saved.suggestedFilename()).toBe("publish-demo-fork.html");
    await page.waitForURL(/view\.html\?local=/);
    const key = new URL(page.url()).searchParams.get("local")!;
    await expect.poll(() => page.locator("#title").textContent()).toBe("Fork of Publish demo: a partial dependence that follows an input");
    // edit an assumption in the kept fork: the default grid size
    await page.evaluate((k) => {
      const text = localStorage.getItem(`crossexam:fork:${k}`)!;
      localStorage.setItem(`crossexam:fork:${k}`, text.replace("value: 5, label", "value: 7, label"));
    }, key);
    await page.locator("a.cx-compare-link").click();
    await page.waitForURL(/compare\.html\?local=/);
    const changed = nb(page).locator("section.cx-change[data-change=changed][data-cell-id='2']");
    await waitForText(() => changed.locator(".cx-diff .added").textContent(), /value: 7/, errors);
    for (const id of [5, 6, 7]) expect(await nb(page).locator(`section.cx-change[data-change=downstream][data-cell-id='${id}']`).count()).toBe(1);
    const side = nb(page).locator("section.cx-change[data-cell-id='6']");
    await waitForText(() => side.locator(".cx-parent").textContent(), /at 5 points/, errors, 90_000);
    await waitForText(() => side.locator(".cx-fork").textContent(), /at 7 points/, errors, 90_000);
    // the cells the edit does not reach are not repeated
    expect(await nb(page).locator("section.cx-change[data-cell-id='3']").count()).toBe(0);
    await screenshot(page, "publish-compare");
    expect(errors).toEqual([]);
  });

  test("Fork of an untrusted share link keeps the fork behind the gate (view.html?local=…): forking does not launder trust", async () => {
    const { page } = await open(browser, `${plain.url}view.html?path=notebooks/hello.html`);
    await page.locator("button.cx-share").click();
    const link = await page.locator("input[aria-label='share link']").inputValue();
    const { page: reader } = await open(browser, link);
    await reader.locator("cx-trust-gate").waitFor();
    const download = reader.waitForEvent("download", { timeout: 30_000 });
    await reader.locator("button.cx-fork").click();
    await download;
    await reader.waitForURL(/view\.html\?local=/);
    const gate = reader.locator("cx-trust-gate");
    await expect.poll(() => gate.textContent(), { timeout: 30_000 }).toMatch(/a fork kept in this browser: nothing has run/);
    expect(await reader.locator("iframe").count()).toBe(0);
    await reader.locator("button.cx-trust-run").click();
    await waitForText(() => nb(reader).locator("section[data-cell-id='5']").textContent(), /The table has 50 rows\./, []);
  });
});
