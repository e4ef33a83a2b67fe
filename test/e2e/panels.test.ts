// The linked panel grid in Chromium: the credit explorer notebook on the dev server.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumExecutable, devServer, launch, openPage, screenshot } from "./browser";

// cells run and render in the notebook frame, on another origin than the page (docs/SECURITY.md)
const nb = (page: Page) => page.frameLocator("iframe.cx-frame");

const panel = (page: Page, id: string) => nb(page).locator(`.cx-explorer section[data-panel=${id}]`);

/** Waits until no panel is computing; a timeout names the panels still at it and their errors. */
async function allDone(page: Page) {
  const busy = () => nb(page).locator(".cx-explorer section.cx-panel.running, .cx-explorer section.cx-panel.idle");
  try {
    await expect.poll(() => busy().count(), { timeout: 90_000 }).toBe(0);
  } catch (error) {
    const ids = await busy().evaluateAll((els) => els.map((e) => `${e.getAttribute("data-panel")} (${e.className})`));
    const failed = await nb(page).locator(".cx-explorer .cx-error").allTextContents();
    (error as Error).message += `\nstill computing: ${ids.join(", ")}\npanel errors: ${failed.join("; ") || "none"}`;
    throw error;
  }
}

describe.skipIf(!chromiumExecutable)("explorer: the linked panel grid (Chromium)", () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });

  test("draws every panel; clicking a feature bar moves PD/ICE to it; editing the what-if form changes SHAP", async () => {
    const { page, errors } = await openPage(browser, `${devServer}notebook.html?path=notebooks/credit-explorer.html`);
    await page.setViewportSize({ width: 1400, height: 900 });
    await nb(page).locator(".cx-explorer section[data-panel=pdp] svg").first().waitFor({ timeout: 90_000 }).catch((error: Error) => {
      throw new Error(`${error.message}\nthe page's errors: ${errors.join("\n") || "(none)"}`);
    });
    await allDone(page);
    for (const id of ["importance", "pdp", "ale", "distribution", "whatif", "shap", "breakdown", "performance", "residuals"]) {
      expect(await panel(page, id).locator("svg path, svg rect, svg circle, svg line").count(), id).toBeGreaterThan(0);
      expect(await panel(page, id).locator(".cx-error").count(), id).toBe(0);
    }
    expect(await panel(page, "pdp").locator('[data-feature="Income"]').count()).toBeGreaterThan(0);
    await screenshot(page, "panels-grid");

    // feature: a bar of the importance panel for a feature other than the selected one
    const bar = panel(page, "importance").locator('rect[data-feature]:not([data-feature="Income"])').first();
    const chosen = (await bar.getAttribute("data-feature"))!;
    await bar.click();
    await expect.poll(() => panel(page, "pdp").locator(`[data-feature="${chosen}"]`).count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await panel(page, "pdp").locator('[data-feature="Income"]').count()).toBe(0);
    await expect.poll(() => nb(page).locator(".cx-bar select[name=feature]").inputValue()).toBe(chosen);
    // the cell below reads the selection
    await expect.poll(() => nb(page).locator(".markdown", { hasText: "Selected:" }).textContent()).toContain(`feature ${chosen}`);

    // observation: a what-if edit of Amount recomputes SHAP: its bars are labelled with the edited
    // value. (Read the panel's text, not its first <svg>: that is a legend swatch, which never changes.)
    await allDone(page);
    const shapText = () => panel(page, "shap").locator(".cx-body").textContent();
    const shapBefore = await shapText();
    const slider = nb(page).locator(".cx-whatif input[name=Amount]");
    const max = await slider.getAttribute("max");
    await slider.evaluate((el: HTMLInputElement, v) => { el.value = v!; el.dispatchEvent(new Event("input", { bubbles: true })); }, max);
    await expect.poll(shapText, { timeout: 60_000 }).not.toBe(shapBefore).catch((error: Error) => {
      error.message += `\nthe SHAP panel did not change after setting Amount to ${max}; the page's errors: ${errors.join("\n") || "(none)"}`;
      throw error;
    });
    await allDone(page);
    expect(await nb(page).locator(".cx-bar .cx-edited").textContent()).toMatch(/1 what-if edit/);
    expect(await panel(page, "shap").locator(".cx-body").textContent()).toContain("Amount");
    await screenshot(page, "panels-whatif");
    expect(errors).toEqual([]);
  }, 180_000);
});
