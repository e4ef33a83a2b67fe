// Fork, Share and Compare from the editor page on the dev server (not only from view.html):
// Share gives a link that carries the notebook as saved, an edit saved in the editor is what the
// next Share carries, Fork writes a new file that opens in the editor — trusted, as its source
// was — and there "Compare with parent" shows the fork beside its parent.
import { readFile, rm } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decodeShare } from "../../src/ui/fork/share-link";
import { chromiumExecutable, devServer, launch, openPage, screenshot } from "./browser";

describe.skipIf(!chromiumExecutable)("Fork, Share and Compare on the editor page (Chromium, dev server)", () => {
  let browser: Browser;
  const created: string[] = [];

  beforeAll(async () => { browser = await launch(); }, 60_000);
  afterAll(async () => {
    await browser?.close();
    for (const path of created) await rm(path, { force: true });
  });

  test("the editor's header offers Fork and Share; Share carries the saved notebook; Fork opens the fork in the editor, trusted as its source was, with Compare with parent", async () => {
    const { page, errors } = await openPage(browser, `${devServer}notebook.html?path=notebooks/hello.html`);
    const nb = page.frameLocator("iframe.cx-frame");
    await page.locator("cx-notebook-editor .cx-save").waitFor({ timeout: 60_000 });
    await expect.poll(() => nb.locator("section[data-cell-id='5']").textContent(), { timeout: 60_000 }).toContain("The table has 50 rows.");
    // a notebook that is not a fork has nothing to compare with
    expect(await page.locator("#actions a.cx-compare-link").count()).toBe(0);

    await page.locator("#actions button.cx-share").click();
    const link = await page.locator("#actions input[aria-label='share link']").inputValue();
    expect(link).toMatch(/\/view\.html#/);
    const shared = await decodeShare(new URL(link).hash);
    expect(shared?.kind).toBe("notebook");
    expect(shared?.kind === "notebook" && shared.text).toBe(await readFile("notebooks/hello.html", "utf8"));

    await page.locator("#actions button.cx-fork").click();
    await page.waitForURL(/notebook\.html\?path=notebooks%2Fhello-fork(-\d+)?\.html/, { timeout: 30_000 });
    const path = new URL(page.url()).searchParams.get("path")!;
    created.push(path);
    // the fork opens in the editor and runs without the gate (its source was trusted)
    await page.locator("cx-notebook-editor .cx-save").waitFor({ timeout: 60_000 });
    expect(await page.locator("cx-trust-gate").count()).toBe(0);
    await expect.poll(() => nb.locator("section[data-cell-id='5']").textContent(), { timeout: 60_000 }).toContain("The table has 50 rows.");
    await screenshot(page, "editor-fork-header");

    await page.locator("#actions a.cx-compare-link").click();
    await page.waitForURL(/compare\.html\?path=notebooks%2Fhello-fork/);
    await expect.poll(() => nb.locator(".cx-summary").textContent(), { timeout: 120_000 }).toMatch(/0\s*changed/);
    expect(errors).toEqual([]);
  }, 240_000);
});
