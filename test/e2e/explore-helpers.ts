// Helpers of the explore tests: a user's own copies of exporter fixtures (outside data/), dropping
// them on the gallery's form as a person drags them, and waiting for a cell's plot in the frame.
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { parseNotebook } from "../../src/notebook/format";
import { nodeDom } from "../../src/notebook/node-dom";
import { scratchDir } from "../scratch-dir";

export const FIXTURES = "test/fixtures/exporters";

/** Copies of the fixture files in a temp folder (not data/), as a user's own files. */
export function userFiles(names: string[]): { name: string; path: string }[] {
  const dir = scratchDir("cx-explore-");
  return names.map((name) => {
    copyFileSync(join(FIXTURES, name), join(dir, name));
    return { name, path: join(dir, name) };
  });
}

/** Drop files on the explore form, as a person drags them from the file manager. */
export async function dropFiles(page: Page, files: { name: string; path: string }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, b64: readFileSync(f.path).toString("base64") }));
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
    return dt;
  }, payload);
  await page.dispatchEvent("cx-explore section", "dragover", { dataTransfer: transfer });
  await page.dispatchEvent("cx-explore section", "drop", { dataTransfer: transfer });
}

/** The ids of the cells whose source holds `text`. */
export function cellIds(notebookText: string, text: string): number[] {
  return parseNotebook(notebookText, nodeDom()).cells.filter((c) => c.value.includes(text)).map((c) => c.id);
}

/** Waits until the cell shows an SVG plot and no error; a timeout says what the page logged. */
export async function expectPlot(page: Page, id: number, errors: string[], timeout = 120_000): Promise<void> {
  const cell = page.frameLocator("iframe.cx-frame").locator(`section[data-cell-id='${id}']`);
  try {
    await cell.locator(".cx-output svg").first().waitFor({ timeout });
  } catch (error) {
    const text = await cell.textContent().catch(() => "(no cell)");
    (error as Error).message += `\ncell ${id}: ${text}\nthe page's errors: ${errors.join("\n") || "(none)"}`;
    throw error;
  }
  expect(await cell.locator(".cx-error").count()).toBe(0);
}

/**
 * The model reads 5 unnamed inputs and the table has 6 columns: the form asks which one is the
 * target, offering the columns (a choice, not code), and is then ready.
 */
export async function chooseTarget(page: Page, column: string): Promise<void> {
  await expect.poll(() => page.locator(".cx-explore-error").textContent(), { timeout: 30_000 }).toMatch(/name the target in the Target field/);
  await page.locator("cx-explore select[name=target]").selectOption(column);
  await expect.poll(() => page.locator(".cx-explore-summary").textContent(), { timeout: 30_000 }).toMatch(new RegExp(`predicting ${column}`));
}

/** A viewport screenshot with the cell in view (a full-page one leaves the frame's far part unpainted). */
export async function shotOf(page: Page, id: number, name: string): Promise<void> {
  await page.frameLocator("iframe.cx-frame").locator(`section[data-cell-id='${id}']`).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `test/.artifacts/${name}.png` });
}

