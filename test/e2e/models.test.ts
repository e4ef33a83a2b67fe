import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumExecutable, devServer, launch, openPage } from "./browser";

// one model of each kind, run by onnxruntime-web inside Chromium (threads: the page is cross-origin isolated)
const MODELS = [
  ["data/models/ames/gbm.onnx", "regressor", false],
  ["data/models/ames/mlp.onnx", "regressor", false],
  ["data/models/mortality/linear.onnx", "binary", true], // skl2onnx-style ZipMap output, rewritten on load
  ["data/models/mortality/rf.onnx", "binary", true],
  ["data/models/credit/xgb.onnx", "binary", false],
] as const;

describe.skipIf(!chromiumExecutable)("bundled models in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    browser = await launch();
    ({ page, errors } = await openPage(browser, `${devServer}test/e2e/pages/models.html`));
    await page.locator("#status", { hasText: "ready" }).waitFor({ timeout: 60_000 });
  });
  afterAll(async () => { await browser?.close(); });

  test.each(MODELS)("%s (%s, ZipMap %s) reproduces its golden scores to 1e-5", async (path, kind, zipmap) => {
    const result = await page.evaluate((p) => (window as unknown as { scoreGolden(p: string): Promise<Record<string, unknown>> }).scoreGolden(p), path);
    expect(result).toMatchObject({ kind, zipmap, isolated: true, rows: 50 });
    expect(result.worst).toBeLessThan(1e-5);
    expect(errors).toEqual([]);
  });
});
