// The panel grid on a 3-class model the user dropped into data/ without a card (Chromium, dev
// server): loading it requests no card and no response is a 404 (the site's file listing says the
// card is absent); any row of the table can be the observation, out-of-range numbers are refused in
// place; switching class and scale re-computes the panels, whose titles and axes name both.
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import * as aq from "arquero";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sample } from "../../src/data/index";
import { chromiumExecutable, devServer, launch, openPage, screenshot } from "./browser";

const nb = (page: Page) => page.frameLocator("iframe.cx-frame");
const panel = (page: Page, id: string) => nb(page).locator(`.cx-explorer section[data-panel=${id}]`);
const title = (page: Page, id: string) => panel(page, id).locator(":scope > h3");
const MAX_ROWS = 20;

/** The grid itself, for a person to look at (test/.artifacts/, ignored by git). */
async function shot(page: Page, name: string) {
  mkdirSync("test/.artifacts", { recursive: true });
  // (an element in the frame is captured within the viewport: make room for the whole grid)
  await page.setViewportSize({ width: 1400, height: 2600 });
  await nb(page).locator(".cx-explorer").screenshot({ path: `test/.artifacts/${name}.png` });
}

async function allDone(page: Page, errors: string[]) {
  const busy = () => nb(page).locator(".cx-explorer section.cx-panel.running, .cx-explorer section.cx-panel.idle");
  await nb(page).locator(".cx-explorer section[data-panel=shap] svg").first().waitFor({ timeout: 120_000 }).catch(async (error: Error) => {
    await screenshot(page, "panels-classes-failed");
    const cells = await nb(page).locator("section.cx-cell").evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.status}: ${e.textContent?.slice(0, 300)}`));
    throw new Error(`${error.message}\nthe page's errors: ${errors.join("\n") || "(none)"}\ncells:\n${cells.join("\n")}`);
  });
  await expect.poll(() => busy().count(), { timeout: 120_000 }).toBe(0);
  expect(await nb(page).locator(".cx-explorer .cx-error").allTextContents()).toEqual([]);
}

describe.skipIf(!chromiumExecutable)("the panel grid on a 3-class model without a card (dev server, Chromium)", () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const id = randomBytes(4).toString("hex");
  const folder = `data/zz-grid-${id}`;
  const path = `notebooks/zz-grid-${id}.html`;
  const table = aq.fromCSV(readFileSync("test/fixtures/exporters/cls3.csv", "utf8"));
  // failed responses while the notebook loads and runs
  const failed: string[] = [];
  const requested: string[] = [];

  beforeAll(async () => {
    mkdirSync(folder);
    copyFileSync("test/fixtures/exporters/skl_gb_classifier3.onnx", `${folder}/gb3.onnx`);
    copyFileSync("test/fixtures/exporters/cls3.csv", `${folder}/cls3.csv`);
    const cells = [
      `const {table} = await crossexam.loadTable(FileAttachment("../${folder}/cls3.csv"));`,
      `const model = await crossexam.loadModel(FileAttachment("../${folder}/gb3.onnx"), {features: ["x1", "x2", "x3", "x4", "x5"], class: 0, invalidation});`,
      `const selection = view(crossexam.explorer({data: table, models: [model], target: "class", feature: "x1", maxRows: ${MAX_ROWS}, invalidation}));`,
    ];
    const scripts = cells.map((c, i) => `  <script id="${i + 1}" type="module">\n    ${c}\n  </script>`).join("\n");
    await writeFile(path, `<!doctype html>\n<notebook theme="air">\n  <title>Grid</title>\n${scripts}\n</notebook>\n`);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await rm(path, { force: true });
    await rm(folder, { recursive: true, force: true });
  });

  // (the second test goes on with the page this one loaded)
  test("a model without a card: the listing says so, the card is never requested, no response is a 404", async () => {
    await page.goto(`${devServer}notebook.html?path=${encodeURIComponent(path)}`);
    await allDone(page, errors);
    expect(requested).toContain("/notebooks/files.json");
    expect(requested.filter((p) => p.endsWith(".card.json"))).toEqual([]);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
  }, 240_000);

  test("a row outside the sample is explained; out of range is refused in place; class and scale switch live, named on titles and axes", async () => {
    const bar = nb(page).locator(".cx-explorer .cx-bar");
    expect(await bar.textContent()).toContain(`sampled ${MAX_ROWS} of 30 rows`);
    // a row the grid's sample (seeded as the explorer seeds it, holding row index 0) does not hold
    const inSample = new Set(Array.from(sample(table, MAX_ROWS, { seed: 1 }).rows));
    inSample.add(0);
    const outside = [...Array(30).keys()].reverse().find((r) => !inSample.has(r))!;
    const box = nb(page).locator(".cx-bar input[name=row]");
    await box.fill(String(outside + 1));
    await box.press("Enter");
    await expect.poll(() => title(page, "editor").textContent()).toBe(`What-if: edit row ${outside + 1}`);
    const x1 = (table.object(outside) as { x1: number }).x1;
    await expect.poll(() => nb(page).locator(".cx-whatif input[name=x1]").inputValue()).toBe(String(x1));
    await allDone(page, errors);

    // out of range: a message in place, the observation stays
    await box.fill("31");
    await box.press("Enter");
    await expect.poll(() => nb(page).locator(".cx-row-error").textContent()).toBe("row 31 is out of range: the table has 30 rows (rows counted from 1)");
    expect(await title(page, "editor").textContent()).toBe(`What-if: edit row ${outside + 1}`);

    // class 2: every panel recomputes for it, titles and axes say P(class = 2)
    const shapBefore = await panel(page, "shap").locator(".cx-body").textContent();
    await nb(page).locator(".cx-bar select[name=class]").selectOption("2");
    await expect.poll(() => title(page, "pdp").textContent(), { timeout: 60_000 }).toContain("P(class = 2)");
    await allDone(page, errors);
    for (const p of ["importance", "pdp", "ale", "whatif", "shap", "breakdown", "performance"]) {
      expect(await title(page, p).textContent(), p).toContain("P(class = 2)");
    }
    expect(await panel(page, "whatif").locator("svg").last().textContent()).toContain("P(class = 2)");
    expect(await panel(page, "shap").locator(".cx-body").textContent()).not.toBe(shapBefore);
    await shot(page, "panels-class-2");

    // log-odds: the local panels only; the global ones stay in probability
    await nb(page).locator(".cx-bar select[name=scale]").selectOption("log-odds");
    await expect.poll(() => title(page, "shap").textContent(), { timeout: 60_000 }).toContain("log-odds of 2");
    await allDone(page, errors);
    for (const p of ["whatif", "shap", "breakdown"]) {
      expect(await title(page, p).textContent(), p).toContain("log-odds of 2");
      expect(await panel(page, p).locator(".cx-body").textContent(), p).toContain("log-odds of 2");
    }
    expect(await title(page, "pdp").textContent()).toContain("P(class = 2)");
    expect(await panel(page, "shap").locator(".cx-body").textContent()).toContain("a softmax margin is not a class's log-odds");
    await shot(page, "panels-log-odds");
    expect(errors).toEqual([]);
  }, 240_000);
});
