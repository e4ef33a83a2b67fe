// Every example notebook in notebooks/ (found on disk, so a new one is covered without editing
// this file) opened on the dev server in Chromium: all cells settle fulfilled, every Plot figure
// draws marks, the console stays clean, and a full-page screenshot lands in test/.artifacts/.
import { readdirSync, readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumExecutable, devServer, launch, screenshot } from "./browser";

// cells run and render in the notebook frame, on another origin than the page (docs/SECURITY.md)
const nb = (page: Page) => page.frameLocator("iframe.cx-frame");

const notebooks = readdirSync("notebooks").filter((f) => f.endsWith(".html")).sort();

/** Cells in the file: one `<script id=…>` each (the page renders one section per cell). */
function cellCount(file: string): number {
  return [...readFileSync(`notebooks/${file}`, "utf8").matchAll(/<script\s+id=/g)].length;
}

/** Each cell's id and status, as the page shows them. */
function statuses(page: Page) {
  return nb(page).locator("section.cx-cell").evaluateAll((els) => els.map((el) => ({
    id: el.getAttribute("data-cell-id"), status: el.getAttribute("data-status"),
    error: el.querySelector(".cx-rejected")?.textContent?.trim().slice(0, 300),
  })));
}

/**
 * Every Plot chart on the page with the number of data marks it draws: shapes inside the mark
 * groups Plot labels (`g[aria-label]`), not counting axes, grids, frames or reference rules.
 * Legends (ramps, swatches) are not charts and are skipped.
 */
function plotMarks(page: Page) {
  return nb(page).locator(".cx-output svg[class^=plot]").evaluateAll((svgs) => svgs
    .filter((svg) => !/ramp|swatch|legend/.test(svg.getAttribute("class") ?? ""))
    .map((svg) => {
      const groups = [...svg.querySelectorAll("g[aria-label]")].filter((g) => !/axis|grid|frame|rule|tick/.test(g.getAttribute("aria-label")!));
      const marks = groups.reduce((n, g) => n + g.querySelectorAll("path, rect, circle, line, polyline, polygon").length, 0);
      const cell = svg.closest("section.cx-cell")?.getAttribute("data-cell-id");
      const title = svg.closest("figure")?.querySelector("h2, h3, [class$=title]")?.textContent?.trim() ?? svg.getAttribute("aria-label") ?? "";
      return { cell, title, marks };
    }));
}

describe.skipIf(!chromiumExecutable)("every example notebook in the browser (dev server, Chromium)", () => {
  let browser: Browser;
  // one context for all pages, so its HTTP cache spares each page re-fetching the app's modules
  let context: BrowserContext;
  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  });
  afterAll(async () => { await browser?.close(); });

  test("notebooks/ holds example notebooks to check", () => {
    expect(notebooks.length).toBeGreaterThan(0);
  });

  test.each(notebooks)("notebooks/%s: every cell fulfilled, every plot drawn, no console errors", async (file) => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    try {
      await page.goto(`${devServer}notebook.html?path=notebooks/${file}`);
      const expected = cellCount(file);
      // settled: one section per cell, none pending or running (a view cell is fulfilled once shown)
      await expect.poll(async () => {
        const s = await statuses(page);
        return s.length === expected && s.every((c) => c.status === "fulfilled" || c.status === "rejected");
      }, { timeout: 90_000, interval: 250 }).toBe(true);
      // a linked panel grid computes its panels after its cell is fulfilled
      await expect.poll(() => nb(page).locator(".cx-panel.running, .cx-panel.idle").count(), { timeout: 60_000 }).toBe(0);
      await screenshot(page, `notebook-${file.replace(/\.html$/, "")}`);

      const rejected = (await statuses(page)).filter((c) => c.status !== "fulfilled");
      expect(rejected.map((c) => `cell ${c.id}: ${c.error}`)).toEqual([]);
      const plots = await plotMarks(page);
      // a notebook whose source draws with Plot (directly or through crossexam's plots) shows charts
      if (/\bPlot\.|Plot\(|crossexam\.\w+Plot\(|crossexam\.explorer\(/.test(readFileSync(`notebooks/${file}`, "utf8"))) expect(plots.length).toBeGreaterThan(0);
      const blank = plots.filter((p) => p.marks === 0).map((p) => `cell ${p.cell}: "${p.title}" draws no marks`);
      expect(blank).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 150_000);
});
