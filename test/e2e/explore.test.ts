// "Explore a model" on the gallery, end to end, with a real exporter's files that are not in
// data/: dropped onto the form, they are saved under data/ through the dev server, the
// notebook `crossexam new` would write opens in the editor, and importance, PD and SHAP show
// with no code typed. When the files do not settle the feature order, the form asks in place.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumExecutable, devServer, launch, openPage, screenshot } from "./browser";
import { cellIds, chooseTarget, dropFiles, expectPlot, FIXTURES, shotOf, userFiles } from "./explore-helpers";
import { scratchDir } from "../scratch-dir";

describe.skipIf(!chromiumExecutable)("Explore a model on the dev server's gallery (Chromium)", () => {
  let browser: Browser;
  const written: string[] = [];

  beforeAll(async () => { browser = await launch(); }, 60_000);
  afterAll(async () => {
    await browser?.close();
    for (const path of written) rmSync(path, { recursive: true, force: true });
  });

  test("dropping an skl2onnx classifier and its CSV (outside data/) saves them under data/ and opens a notebook showing importance, PD and SHAP", async () => {
    const { page, errors } = await openPage(browser, devServer);
    await page.locator("cx-explore section").waitFor();
    await dropFiles(page, userFiles(["skl_gb_classifier.onnx", "cls5.csv"]));
    await chooseTarget(page, "y");
    await screenshot(page, "explore-form-dev");
    await page.locator("button.cx-explore-go").click();
    await page.waitForURL(/notebook\.html\?path=notebooks%2Fcls5(-\d+)?\.html/, { timeout: 60_000 });
    const path = new URL(page.url()).searchParams.get("path")!;
    written.push(path);
    const folder = `data/${path.replace(/^notebooks\//, "").replace(/\.html$/, "")}`;
    written.push(folder);

    // the files were written under data/, byte for byte
    expect(readFileSync(join(folder, "cls5.csv"))).toEqual(readFileSync(join(FIXTURES, "cls5.csv")));
    expect(readFileSync(join(folder, "skl_gb_classifier.onnx"))).toEqual(readFileSync(join(FIXTURES, "skl_gb_classifier.onnx")));
    const text = readFileSync(path, "utf8");
    expect(text).toContain(`FileAttachment("../${folder}/skl_gb_classifier.onnx")`);

    // the editor (Save bar) holds it, and the questions are answered with no code typed
    await page.locator("cx-notebook-editor .cx-save").waitFor();
    for (const call of ["crossexam.importancePlot", "crossexam.pdpPlot", "crossexam.shapPlot"]) {
      await expectPlot(page, cellIds(text, call)[0], errors);
    }
    await screenshot(page, "explore-result-dev");
    await shotOf(page, cellIds(text!, "crossexam.shapPlot")[0], "explore-result-dev-shap");
  }, 300_000);

  test("when the files do not settle the feature order, the form asks for the features in place, and they settle it", async () => {
    const { page } = await openPage(browser, devServer);
    await page.locator("cx-explore section").waitFor();
    // a copy of the table with one column more: the model reads 5 of 6 columns besides the target, in an order its file does not name
    const [model] = userFiles(["skl_gb_classifier.onnx"]);
    const dir = scratchDir("cx-explore-wide-");
    const csv = readFileSync(join(FIXTURES, "cls5.csv"), "utf8").trim().split("\n").map((line, i) => `${line},${i === 0 ? "extra" : i}`).join("\n");
    const wide = join(dir, "wide.csv");
    writeFileSync(wide, `${csv}\n`);
    await dropFiles(page, [model, { name: "wide.csv", path: wide }]);
    await expect.poll(() => page.locator(".cx-explore-error").textContent(), { timeout: 30_000 }).toMatch(/Target field|Features field/);
    await page.locator("cx-explore select[name=target]").selectOption("y");
    await expect.poll(() => page.locator(".cx-explore-error").textContent(), { timeout: 30_000 })
      .toMatch(/takes 5 features in an order the file does not name.*Give the features in input order with the Features field/s);
    const features = page.locator("cx-explore input[name=features]");
    await expect.poll(() => features.getAttribute("class")).toContain("cx-asked");
    await screenshot(page, "explore-form-asks-features");
    await features.fill("x1,x2,x3,x4,x5");
    await features.dispatchEvent("change");
    await expect.poll(() => page.locator(".cx-explore-summary").textContent(), { timeout: 30_000 }).toMatch(/predicting y/);
    expect(await page.locator(".cx-explore-error").count()).toBe(0);
  }, 120_000);
});
