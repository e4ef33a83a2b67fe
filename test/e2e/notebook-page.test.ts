import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumExecutable, devServer, launch, openPage, screenshot } from "./browser";

describe.skipIf(!chromiumExecutable)("the browser shell (dev server, Chromium)", () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });

  test("the gallery lists the notebooks and links to each", async () => {
    const { page, errors } = await openPage(browser, devServer);
    const link = page.locator("cx-gallery a", { hasText: "Hello, crossexam" });
    await link.waitFor();
    await link.click();
    await page.waitForURL(/notebook\.html\?path=notebooks%2Fhello\.html/);
    await page.frameLocator("iframe.cx-frame").locator("section.cx-cell[data-status=fulfilled]").first().waitFor();
    expect(errors).toEqual([]);
  });

  test("a notebook renders markdown, values and plots; moving an input re-renders what depends on it", async () => {
    const { page, errors } = await openPage(browser, `${devServer}notebook.html?path=notebooks/hello.html`);
    // the cells run in the notebook frame, on another origin than the page (see docs/SECURITY.md)
    const frame = page.frameLocator("iframe.cx-frame");
    await frame.locator(".markdown h1", { hasText: "Hello, crossexam" }).waitFor();
    const prose = frame.locator("section[data-cell-id='5'] .markdown");
    await expect.poll(() => prose.textContent()).toContain("The table has 50 rows.");
    const dots = frame.locator("section[data-cell-id='4'] svg circle");
    await expect.poll(() => dots.count()).toBe(50);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // the frame is isolated too (onnxruntime's threads), and says so in the header
    const inner = page.frames().find((f) => new URL(f.url()).hostname === "localhost")!;
    expect(await inner.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect.poll(() => page.locator("#threads").textContent()).toMatch(/multi-threaded/);
    await screenshot(page, "hello-before");

    const number = frame.locator("section[data-cell-id='2'] input[type=number]");
    await number.fill("120");
    await number.press("Enter");
    await number.dispatchEvent("input");
    await expect.poll(() => prose.textContent()).toContain("The table has 120 rows.");
    await expect.poll(() => dots.count()).toBe(120);
    await screenshot(page, "hello-after");
    expect(errors).toEqual([]);
  });

  test("a notebook that does not exist gets a clear message", async () => {
    const { page } = await openPage(browser, `${devServer}notebook.html?path=notebooks/nope.html`);
    await expect.poll(() => page.locator("[role=alert]").textContent()).toMatch(/cannot open notebooks\/nope.html: HTTP 404/);
  });
});
