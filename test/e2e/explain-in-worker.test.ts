// A notebook's explanation cells, in a browser page, run in a Web Worker: the numbers are those
// Node computes in-thread for the same model and rows, and moving an input recomputes them there.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { loadTable, toBatch } from "../../src/data/index";
import { pdp } from "../../src/explain/index";
import { loadModel } from "../../src/model/index";
import { cellsNotebook, chromiumExecutable, screenshot, scratchNotebook } from "./browser";

// cells run and render in the notebook frame, on another origin than the page (docs/SECURITY.md)
const nb = (page: Page) => page.frameLocator("iframe.cx-frame");

const CELLS = [
  `const {table} = await crossexam.loadTable(FileAttachment("../data/synthetic.csv"));`,
  `const model = await crossexam.loadModel(FileAttachment("../data/models/synthetic/y-gbm.onnx"), {invalidation});`,
  `const size = view(Inputs.range([3, 9], {step: 1, value: 5, label: "grid points"}));`,
  `const pd = await crossexam.pdp(model, crossexam.batchFor(table.slice(0, 300), model), "x1", {grid: {size}, ...crossexam.cancellable(invalidation, progress)});`,
  `html\`<p class="where">\${crossexam.worker.stats().inWorker} in a worker, \${crossexam.worker.stats().inThread} here</p><pre class="pd">\${JSON.stringify(pd.values)}</pre>\``,
];

async function reference(size: number) {
  const { table, schema } = await loadTable("data/synthetic.csv");
  const model = await loadModel("data/models/synthetic/y-gbm.onnx", { card: "data/models/synthetic/y-gbm.card.json" });
  const result = await pdp(model, toBatch(table.slice(0, 300), model.features, schema), "x1", { grid: { size } });
  await model.dispose();
  return result.values as { grid: number[]; average: number[] };
}

describe.skipIf(!chromiumExecutable)("explanations from notebook cells (dev server, Chromium)", () => {
  const notebook = scratchNotebook("worker", cellsNotebook("Worker", CELLS));

  test("crossexam.pdp runs in a worker, matches Node's in-thread numbers, and re-runs there when the input moves", { timeout: 240_000 }, async () => {
    const { page, errors } = await notebook.open();
    page.setDefaultTimeout(90_000);
    const where = nb(page).locator("section[data-cell-id='5'] .where");
    await expect.poll(() => where.textContent(), { timeout: 90_000 }).toBe("1 in a worker, 0 here");
    const shown = JSON.parse((await nb(page).locator("section[data-cell-id='5'] .pd").textContent())!);
    const expected = await reference(5);
    expect(shown.grid).toEqual(expected.grid);
    // float32 model arithmetic may sum in another order in the browser's wasm: equal to 1e-6 relative
    shown.average.forEach((v: number, k: number) => expect(Math.abs(v - expected.average[k])).toBeLessThan(1e-6 * Math.max(1, Math.abs(expected.average[k]))));

    const number = nb(page).locator("section[data-cell-id='3'] input[type=number]");
    await number.fill("7");
    await number.press("Enter");
    await number.dispatchEvent("input");
    // fill() and the extra input event may each start a run (in the notebook frame's own
    // process, the first is not always cancelled by the second): one or two more, all in the worker
    await expect.poll(() => where.textContent(), { timeout: 90_000 }).toMatch(/^[23] in a worker, 0 here$/);
    expect(JSON.parse((await nb(page).locator("section[data-cell-id='5'] .pd").textContent())!).grid).toHaveLength(7);
    await screenshot(page, "explain-in-worker");
    expect(errors).toEqual([]);
  });
});
