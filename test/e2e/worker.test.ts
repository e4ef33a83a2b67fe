// Explanations in a Web Worker, in Chromium against the dev server: PD + ICE for every feature
// of a bundled model on 1,000 rows, while the page's own timers keep ticking; then an abort.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumExecutable, devServer, launch, openPage } from "./browser";

interface Run {
  ms: number;
  /** the longest gap between ticks of a 10 ms interval on the page's main thread */
  worstGap: number;
  ticks: number;
  progress: number[];
  pdp?: number[][];
  iceRows?: number[];
  error?: { name: string; evaluated: number; acknowledged: boolean; stoppedProgress: number };
  progressAfterReject?: number;
}

const explainAll = (page: Page, options: Record<string, unknown>) =>
  page.evaluate((o) => (window as unknown as { explainAll(o: unknown): Promise<Run> }).explainAll(o), options);

describe.skipIf(!chromiumExecutable)("explanations in a Web Worker (Chromium)", () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let setup: { features: string[]; rows: number; isolated: boolean };
  beforeAll(async () => {
    browser = await launch();
    ({ page, errors } = await openPage(browser, `${devServer}test/e2e/pages/worker.html`));
    await page.locator("#status", { hasText: "ready" }).waitFor({ timeout: 90_000 });
    setup = await page.evaluate(() => (window as unknown as { setupResult: typeof setup }).setupResult);
  });
  afterAll(async () => { await browser?.close(); });

  test("PD and ICE of every feature on 1,000 rows run in the worker while the page stays responsive", async () => {
    expect(setup).toMatchObject({ rows: 1000, isolated: true });
    const running = explainAll(page, { where: "worker", grid: 51 });
    // the page answers while the worker computes
    const roundTrips: number[] = [];
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 200));
      const t = performance.now();
      await page.evaluate(() => document.title);
      roundTrips.push(performance.now() - t);
    }
    const run = await running;
    console.log(`worker: ${setup.features.length} features × 1,000 rows × 51 grid in ${run.ms.toFixed(0)} ms; ` +
      `main thread longest gap ${run.worstGap.toFixed(0)} ms, ${run.ticks} ticks; round trips ${roundTrips.map((x) => x.toFixed(0)).join(", ")} ms`);
    expect(run.error).toBeUndefined();
    expect(run.pdp).toHaveLength(setup.features.length);
    expect(run.iceRows).toEqual(setup.features.map(() => 1000));
    // the main thread was never blocked for long: in-thread, the longest gap is the whole run
    // (bounds are loose because 2 cores are shared with onnxruntime's threads and other tests)
    expect(run.worstGap).toBeLessThan(run.ms / 4);
    expect(Math.max(...roundTrips)).toBeLessThan(1_000);
    // progress arrived throughout and ended at 1
    expect(run.progress.length).toBeGreaterThan(setup.features.length);
    expect(run.progress.at(-1)).toBe(1);
    expect(errors).toEqual([]);
  });

  test("the worker's partial dependence equals the one computed in the page's own thread", async () => {
    const [inWorker, inPage] = await Promise.all([
      page.evaluate(() => (window as unknown as { pdpOf(f: string, where: string): Promise<number[]> }).pdpOf("x3", "worker")),
      page.evaluate(() => (window as unknown as { pdpOf(f: string, where: string): Promise<number[]> }).pdpOf("x3", "main")),
    ]);
    expect(inWorker.length).toBeGreaterThan(1);
    expect(inWorker).toEqual(inPage);
  });

  test("an abort stops the worker part-way: the run rejects with AbortError and no progress follows", async () => {
    const full = 1000 * 101;
    const run = await explainAll(page, { where: "worker", grid: 101, abortAt: { feature: 1, fraction: 0.3 } });
    console.log(`abort: the feature's job stopped after ${run.error?.evaluated} of ${full} rows (progress ${run.error?.stoppedProgress?.toFixed(2)})`);
    expect(run.error).toMatchObject({ name: "AbortError", acknowledged: true });
    expect(run.error!.evaluated).toBeLessThan(full);
    expect(run.error!.stoppedProgress).toBeLessThan(1);
    expect(run.progressAfterReject).toBe(0);
    // and the worker takes the next job
    const next = await explainAll(page, { where: "worker", grid: 5 });
    expect(next.error).toBeUndefined();
    expect(next.progress.at(-1)).toBe(1);
    expect(errors).toEqual([]);
  });
});
