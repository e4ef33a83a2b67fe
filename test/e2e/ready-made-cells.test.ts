// Every ready-made cell, added through the editor's menu to a new notebook (the gallery's starter,
// which already defines `table`), in an order where each comes after what it reads: no cell turns
// red, and no name is defined twice; a plot's menu then downloads it as CSV, JSON, SVG and PNG.
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serializeNotebook } from "../../src/notebook/format";
import { nodeDom } from "../../src/notebook/node-dom";
import { starterNotebook } from "../../src/ui/new-notebook";
import { withNeeds } from "../notebooks/template-order";
import { chromiumExecutable, devServer, launch, screenshot } from "./browser";

const templates = readdirSync("cells").filter((f) => f.endsWith(".js")).map((f) => f.replace(/\.js$/, "")).sort();

describe.skipIf(!chromiumExecutable)("ready-made cells in a new notebook (dev server, Chromium)", () => {
  let browser: Browser;
  const path = `notebooks/zz-ready-made-${randomBytes(4).toString("hex")}.html`;
  beforeAll(async () => {
    browser = await launch();
    await writeFile(path, serializeNotebook(starterNotebook("Every ready-made cell"), nodeDom()));
  });
  afterAll(async () => {
    await browser?.close();
    await rm(path, { force: true });
  });

  test("adding every template from the menu gives no red cell", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(120_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${devServer}notebook.html?path=${encodeURIComponent(path)}`, { waitUntil: "domcontentloaded" });
    // the cells, their editors and the add-cell menu live in the notebook's frame (docs/SECURITY.md)
    const nb = page.frameLocator("iframe.cx-frame");
    await nb.locator("section.cx-cell[data-status=fulfilled]").first().waitFor();
    const order = withNeeds(templates);
    for (const id of order) {
      const item = nb.locator(`.cx-add-end [role=menuitem][data-template='${id}']`);
      // (on a busy page a click can land while the menu re-renders: open it until the item shows)
      for (let tries = 0; tries < 5 && !(await item.isVisible()); tries++) {
        await nb.locator(".cx-add-end .cx-add-toggle").click();
        await item.waitFor({ timeout: 5_000 }).catch(() => {});
      }
      await item.click();
    }
    const cells = nb.locator("section.cx-cell");
    await expect.poll(() => cells.count()).toBe(3 + order.length);
    // wait until every cell has settled (fulfilled or rejected)
    const settled = () => cells.evaluateAll((els) => els.every((e) => ["fulfilled", "rejected"].includes((e as HTMLElement).dataset.status ?? "")));
    await expect.poll(settled, { timeout: 240_000, interval: 1000 }).toBe(true);
    const red = await nb.locator("section.cx-cell[data-status=rejected]").evaluateAll((els) =>
      els.map((e) => `#${(e as HTMLElement).dataset.cellId}: ${e.querySelector("[role=alert]")?.textContent ?? ""}`));
    await screenshot(page, "ready-made-cells");
    expect(red).toEqual([]);
    // each inserted cell says nothing is missing (the order satisfies every template)
    expect(await nb.locator(".cm-content", { hasText: "not defined in this notebook yet" }).count()).toBe(0);
    // every plot's menu downloads the picture and the result
    const importanceCell = nb.locator("section.cx-cell", { has: nb.locator(".cm-content", { hasText: "crossexam.importance(models" }) }).first();
    await importanceCell.locator(".cx-export summary").click();
    for (const [format, check] of [["csv", /^model,feature,dropout/], ["json", /^\[\s*\{\s*"kind": "importance"/], ["svg", /<svg[^>]*xmlns=/], ["png", /^\x89PNG/]] as const) {
      if (!(await importanceCell.locator(`.cx-export[open]`).count())) await importanceCell.locator(".cx-export summary").click();
      const [download] = await Promise.all([page.waitForEvent("download"), importanceCell.locator(`button[data-export=${format}]`).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^importance-.*\\.${format}$`));
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString("latin1")).toMatch(check);
    }
    expect(errors).toEqual([]);
  }, 360_000);
});
