// A real Chromium page for a test file, with the page's console errors collected.
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { inject } from "vitest";
import { LAUNCH_ARGS } from "./chromium";

export const chromiumExecutable = inject("chromium");
export const devServer = inject("devServer");

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable, headless: true, args: LAUNCH_ARGS });
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
