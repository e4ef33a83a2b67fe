// A published site (`crossexam build` output on a plain static server, no dev server): the
// reader explores their own model there with nothing uploaded (the files stay in IndexedDB, the
// notebook runs as the reader's own local notebook), and a fork made there is edited in the
// browser — kept locally across reloads, downloadable as a notebook file, comparable with its parent.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { parseNotebook } from "../../src/notebook/format";
import { nodeDom } from "../../src/notebook/node-dom";
import { serveStatic, type StaticServer } from "../../src/publish/static-server";
import { chromiumExecutable, launch, openPage, screenshot } from "./browser";
import { cellIds, chooseTarget, dropFiles, expectPlot, shotOf, userFiles } from "./explore-helpers";
import { publishedSite } from "./published-site";

const nb = (page: Page) => page.frameLocator("iframe.cx-frame");

describe.skipIf(!chromiumExecutable)("Explore and edit on a published site (Chromium, static server)", () => {
  let browser: Browser;
  let site: StaticServer;
  const pages: Page[] = [];
  const open = async (url: string) => { const o = await openPage(browser, url); pages.push(o.page); return o; };

  beforeAll(async () => {
    // the publish tests' site (hello.html and the publish demo): built once for both files
    site = await serveStatic((await publishedSite()).outDir);
    browser = await launch();
  }, 300_000);
  afterEach(async () => { for (const page of pages.splice(0)) await page.close(); });
  afterAll(async () => { await browser?.close(); await site?.close(); });

  test("dropping a model and a CSV keeps them in the browser (nothing is sent) and runs the notebook as the reader's own, showing importance, PD and SHAP", async () => {
    const { page, errors } = await open(site.url);
    const sent: string[] = [];
    page.on("request", (r) => { if (r.method() !== "GET") sent.push(`${r.method()} ${r.url()}`); });
    await page.locator("cx-explore section").waitFor({ timeout: 60_000 });
    expect(await page.locator("cx-explore").textContent()).toMatch(/Your files stay in this browser: nothing is uploaded/);
    await dropFiles(page, userFiles(["skl_gb_classifier.onnx", "cls5.csv"]));
    await chooseTarget(page, "y");
    await screenshot(page, "explore-form-published");
    await page.locator("button.cx-explore-go").click();
    await page.waitForURL(/view\.html\?local=/, { timeout: 30_000 });
    // run without asking: the reader's own notebook of the reader's own files
    expect(await page.locator("cx-trust-gate").count()).toBe(0);
    const key = new URL(page.url()).searchParams.get("local")!;
    const text = await page.evaluate((k) => localStorage.getItem(`crossexam:fork:${k}`), key);
    expect(text).toMatch(/FileAttachment\("crossexam-local:\/\/[a-z0-9-]+\/skl_gb_classifier\.onnx"\)/);
    for (const call of ["crossexam.importancePlot", "crossexam.pdpPlot", "crossexam.shapPlot"]) {
      await expectPlot(page, cellIds(text!, call)[0], errors);
    }
    await screenshot(page, "explore-result-published");
    await shotOf(page, cellIds(text!, "crossexam.shapPlot")[0], "explore-result-published-shap");
    expect(sent).toEqual([]);
  }, 300_000);

  test("a fork made on the site is edited in the browser: the edit is kept across a reload, downloads as a notebook file, and compares with the parent", async () => {
    const { page } = await open(`${site.url}view.html?path=notebooks/hello.html`);
    await expect.poll(() => nb(page).locator("section[data-cell-id='5']").textContent(), { timeout: 60_000 }).toContain("The table has 50 rows.");
    await page.locator("button.cx-fork").click();
    await page.waitForURL(/view\.html\?local=/, { timeout: 30_000 });
    await expect.poll(() => nb(page).locator("section[data-cell-id='5']").textContent(), { timeout: 60_000 }).toContain("The table has 50 rows.");

    // change an assumption in the fork, in the page, as a reader would
    const editor = nb(page).locator("section[data-cell-id='3'] .cm-content");
    await editor.click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("const points = aq.table({x: Array.from({length: n + 30}, (_, i) => i), y: Array.from({length: n + 30}, (_, i) => Math.sin(i / 8))});");
    await page.keyboard.press("Shift+Enter");
    await expect.poll(() => nb(page).locator("section[data-cell-id='5']").textContent(), { timeout: 30_000 }).toContain("The table has 80 rows.");
    await expect.poll(() => page.locator(".cx-local-status").textContent()).toMatch(/edits kept in this browser/);

    // kept: a reload shows the edited fork, run without asking
    await page.reload();
    await expect.poll(() => nb(page).locator("section[data-cell-id='5']").textContent(), { timeout: 60_000 }).toContain("The table has 80 rows.");
    expect(await page.locator("cx-trust-gate").count()).toBe(0);

    // downloadable as a notebook file that reads back with the edit and the lineage
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("button.cx-download").click()]);
    const file = await download.path();
    const downloaded = parseNotebook(readFileSync(file!, "utf8"), nodeDom());
    expect(download.suggestedFilename()).toBe("fork-of-hello-crossexam.html");
    expect(downloaded.cells.find((c) => c.id === 3)!.value).toContain("length: n + 30");
    expect(downloaded.lineage?.parent).toMatch(/notebooks\/hello\.html$/);

    // comparable with the parent: the changed cell and what follows from it
    await page.locator("a.cx-compare-link").click();
    await page.waitForURL(/compare\.html\?local=/);
    const prose = nb(page).locator("section.cx-change[data-cell-id='5']");
    await expect.poll(() => prose.locator(".cx-parent").textContent(), { timeout: 60_000 }).toContain("The table has 50 rows.");
    await expect.poll(() => prose.locator(".cx-fork").textContent(), { timeout: 60_000 }).toContain("The table has 80 rows.");
    await screenshot(page, "published-fork-compare");
  }, 300_000);
});
