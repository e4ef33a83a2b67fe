// In a notebook page (cross-origin isolated, 2+ cores), an explanation without `workerThreads`
// runs at once, its (model, bucket) is calibrated in the background once the workers are idle,
// and `crossexam.worker.decisions()` and the header's note on threads then show the decision.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { cellsNotebook, chromiumExecutable, screenshot, scratchNotebook } from "./browser";

const nb = (page: Page) => page.frameLocator("iframe.cx-frame");

const CELLS = [
  `const {table} = await crossexam.loadTable(FileAttachment("../data/synthetic.csv"));`,
  `const model = await crossexam.loadModel(FileAttachment("../data/models/synthetic/y-gbm.onnx"), {invalidation});`,
  `const pd = await crossexam.pdp(model, crossexam.batchFor(table, model), "x1", {grid: {size: 5}});`,
  // read once the explanation is done: nothing decided yet, one calibration queued
  `const atPd = (pd, crossexam.worker.decisions());`,
  // re-read every 200 ms: the decision arrives after the explanation, from the background
  `const status = (async function* () { while (true) { yield crossexam.worker.decisions(); await new Promise((r) => setTimeout(r, 200)); } })();`,
  `html\`<p class="env">\${String(globalThis.crossOriginIsolated)} \${navigator.hardwareConcurrency}</p><pre class="status">\${JSON.stringify(status)}</pre><p class="pd">\${pd.values.average.length} \${atPd.decisions.length} \${atPd.pending.map((e) => e.state)}</p>\``,
];

describe.skipIf(!chromiumExecutable)("background thread calibration in a notebook page (dev server, Chromium)", () => {
  const notebook = scratchNotebook("calib", cellsNotebook("Calibration", CELLS));

  test("an explanation runs at once and its (model, bucket) is decided in the background", { timeout: 240_000 }, async () => {
    const { page, errors } = await notebook.open();
    page.setDefaultTimeout(90_000);
    const cell = nb(page).locator("section[data-cell-id='6']");
    await expect.poll(() => cell.locator(".pd").textContent(), { timeout: 90_000 }).toMatch(/^5 /);
    // the explanation did not wait: when it was done, its calibration was only queued
    expect(await cell.locator(".pd").textContent()).toBe("5 0 waiting");
    expect(await cell.locator(".env").textContent()).toBe("true 2");
    const read = async () => JSON.parse((await cell.locator(".status").textContent())!);
    await expect.poll(async () => (await read()).decisions.length, { timeout: 120_000 }).toBe(1);
    const status = await read();
    expect(status.background).toBe(true);
    expect(status.pending).toEqual([]);
    expect(status.decisions[0]).toMatchObject({ model: "synthetic-y-gbm", bucket: 1000, rows: 2000, decided: "calibrated" });
    // the header's note on threads says what was decided
    await expect.poll(() => page.locator("#threads").textContent())
      .toMatch(new RegExp(`^models: multi-threaded .* · calibrated: synthetic-y-gbm at 1,000\\+ rows → ${status.decisions[0].threads} threads?$`));
    await screenshot(page, "background-calibration");
    expect(errors).toEqual([]);
  });
});
