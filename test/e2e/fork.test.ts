// Forking on the dev server, end to end: Fork writes a new notebook file with its lineage; after
// an edit, Compare with parent shows the changed cell and, side by side, what follows from it.
import { readFile, rm } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseNotebook } from "../../src/notebook/format";
import { contentHash } from "../../src/notebook/hash";
import { nodeDom } from "../../src/notebook/node-dom";
import { chromiumExecutable, devServer, launch, openPage, screenshot } from "./browser";

describe.skipIf(!chromiumExecutable)("forks on the dev server (Chromium)", () => {
  let browser: Browser;
  const created: string[] = [];

  beforeAll(async () => {
    browser = await launch();
    // the first visit of a page may make Vite optimise new dependencies and reload: do it here
    const page = await browser.newPage();
    for (const path of ["view.html?path=notebooks/hello.html", "compare.html"]) {
      await page.goto(devServer + path);
      await page.waitForLoadState("networkidle", { timeout: 120_000 });
    }
    await page.close();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    for (const path of created) await rm(path, { force: true });
  });

  test("Fork makes a new file in notebooks/ recording parent, parent hash and time; Compare with parent shows the edit and its downstream outputs", async () => {
    const { page, errors } = await openPage(browser, `${devServer}view.html?path=notebooks/hello.html`);
    await expect.poll(() => page.frameLocator("iframe.cx-frame").locator("section[data-cell-id='5']").textContent(), { timeout: 60_000 }).toContain("The table has 50 rows.");
    const started = Date.now();
    await page.locator("button.cx-fork").click();
    await page.waitForURL(/notebook\.html\?path=notebooks%2Fhello-fork(-\d+)?\.html/);
    const path = new URL(page.url()).searchParams.get("path")!;
    created.push(path);

    const text = await readFile(path, "utf8");
    const fork = parseNotebook(text, nodeDom());
    expect(fork.title).toBe("Fork of Hello, crossexam");
    expect(fork.lineage?.parent).toBe("hello.html");
    expect(fork.lineage?.parentHash).toBe(await contentHash(await readFile("notebooks/hello.html", "utf8")));
    expect(Date.parse(fork.lineage!.forkedAt)).toBeGreaterThanOrEqual(started - 1000);

    // edit an assumption (the slider's default) through the editor's save endpoint, as the shell does
    const edited = text.replace("value: 50,", "value: 80,");
    expect(edited).not.toBe(text);
    const saved = await page.evaluate(async ({ path, text, baseHash }) => {
      const { token } = await fetch("/api/session").then((r) => r.json());
      const headers = { "Content-Type": "application/json", "X-Crossexam-Token": token };
      const r = await fetch("/api/notebooks/save", { method: "POST", headers, body: JSON.stringify({ path, text, baseHash }) });
      return r.status;
    }, { path, text: edited, baseHash: await contentHash(text) });
    expect(saved).toBe(200);

    await page.goto(`${devServer}view.html?path=${encodeURIComponent(path)}`);
    await page.locator("a.cx-compare-link").click();
    await page.waitForURL(/compare\.html\?path=/);
    const frame = page.frameLocator("iframe.cx-frame"); // the comparison runs in the notebook frame
    await expect.poll(() => frame.locator(".cx-summary").textContent(), { timeout: 30_000 }).toMatch(/1\s*changed.*0\s*added.*0\s*removed.*3\s*downstream/s);
    const changed = frame.locator("section.cx-change[data-change=changed][data-cell-id='2']");
    expect(await changed.locator(".cx-diff .removed").textContent()).toContain("value: 50");
    expect(await changed.locator(".cx-diff .added").textContent()).toContain("value: 80");
    for (const id of [3, 4, 5]) expect(await frame.locator(`section.cx-change[data-change=downstream][data-cell-id='${id}']`).count()).toBe(1);
    const prose = frame.locator("section.cx-change[data-cell-id='5']");
    await expect.poll(() => prose.locator(".cx-parent").textContent(), { timeout: 30_000 }).toContain("The table has 50 rows.");
    await expect.poll(() => prose.locator(".cx-fork").textContent(), { timeout: 30_000 }).toContain("The table has 80 rows.");
    const plot = frame.locator("section.cx-change[data-cell-id='4']");
    await expect.poll(() => plot.locator(".cx-parent svg circle").count()).toBe(50);
    await expect.poll(() => plot.locator(".cx-fork svg circle").count()).toBe(80);
    await screenshot(page, "fork-compare");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a notebook named by ?url= opens untrusted: its code is listed and does not run", async () => {
    const { page, errors } = await openPage(browser, `${devServer}view.html?url=${encodeURIComponent(`${devServer}notebooks/hello.html`)}`);
    const gate = page.locator("cx-trust-gate");
    await expect.poll(() => gate.textContent(), { timeout: 30_000 }).toMatch(/comes from http:\/\/127\.0\.0\.1:\d+\/notebooks\/hello\.html: nothing has run/);
    expect(await page.locator("iframe").count()).toBe(0);
    const listed = await gate.locator("pre").allTextContents();
    expect(listed.some((code) => code.includes("Inputs.range([10, 200]")), listed.join("\n---\n")).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
