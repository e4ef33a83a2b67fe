// The second scoring thread (src/model/tree-helper.ts): it runs the engine's own functions in a worker_threads
// Worker, and whatever share of the chunks it scores, the scores are the main thread's own, bit for bit.
import { afterAll, describe, expect, test } from "vitest";
import { loadModel, type OnnxPredictor } from "../../src/model/index";
import { bitvectorLayout, type BitvectorLayout } from "../../src/model/tree-bitvector";
import { probeRows } from "../../src/model/tree-engine-check";
import { exactSumScores, type TreeLayout } from "../../src/model/tree-engine";
import { shareChunks, startTreeHelper, type TreeHelper } from "../../src/model/tree-helper";

const opened: OnnxPredictor[] = [];
const helpers: TreeHelper[] = [];
afterAll(async () => { for (const h of helpers) h.close(); for (const m of opened) await m.dispose(); });

async function setup(): Promise<{ L: TreeLayout; B: BitvectorLayout; helper: TreeHelper }> {
  const m = await loadModel("data/models/ames/gbm.onnx", { card: "data/models/ames/gbm.card.json", allowMissing: true });
  opened.push(m);
  const L = (await m.treeEngine()).engine!.layout;
  const B = bitvectorLayout(L) as BitvectorLayout;
  const helper = await startTreeHelper(L, B, true); // whatever the machine's load
  if (typeof helper === "string") throw new Error(`no helper: ${helper}`);
  helpers.push(helper);
  return { L, B, helper };
}

// probe rows (on, below, above every threshold, and missing), n of them; `scores` to fill, by `here` on this thread
function table(L: TreeLayout, n: number, B = bitvectorLayout(L) as BitvectorLayout) {
  const p = L.features.length, x = probeRows(L, n, 11);
  const encode = (from: number, to: number) => x.slice(from * p, to * p);
  const expected = new Float64Array(n);
  exactSumScores(L, x, n, p, expected, 0, B);
  const scores = new Float64Array(n).fill(NaN);
  const here = (y: Float32Array, from: number, to: number) => exactSumScores(L, y, to - from, p, scores, from, B);
  return { p, encode, expected, scores, here };
}

describe("tree helper thread", () => {
  test("scores a chunk as the main thread does, bit for bit (missing values too)", async () => {
    const { L, helper } = await setup();
    const { encode, expected } = table(L, 3000);
    const theirs = await helper.score(encode(0, 3000), 3000);
    expect(Array.from(theirs)).toEqual(Array.from(expected));
  });

  test("shared chunk by chunk: every row scored once into its place, the helper taking a share once trusted", async () => {
    const { L, B, helper } = await setup();
    const n = 40 * 500 + 37, size = 500;
    const { encode, expected, scores, here } = table(L, n, B);
    await helper.score(encode(0, 10), 10); // started, so that it is there to take chunks
    const { helped } = await shareChunks(0, n, size, scores, encode, here, helper, Promise.resolve(true));
    expect(Array.from(scores)).toEqual(Array.from(expected));
    // whole chunks: the last one is 37 rows
    expect(helped).toBeGreaterThan(0);
    expect(helped % size === 0 || helped % size === 37).toBe(true);
    expect(helped).toBeLessThan(n);
  });

  test("a helper that fails its trial gets no chunk: the main thread scores all of them", async () => {
    const { L, B, helper } = await setup();
    const n = 10 * 400 + 3;
    const { encode, expected, scores, here } = table(L, n, B);
    const { helped } = await shareChunks(0, n, 400, scores, encode, here, helper, Promise.resolve(false));
    expect(helped).toBe(0);
    expect(Array.from(scores)).toEqual(Array.from(expected));
  });

  test("a helper that has stopped leaves its chunks to the main thread, nothing lost", async () => {
    const { L, B, helper } = await setup();
    helper.close();
    await new Promise((r) => setTimeout(r, 50));
    const n = 8 * 300;
    const { encode, expected, scores, here } = table(L, n, B);
    const { helped } = await shareChunks(0, n, 300, scores, encode, here, helper, Promise.resolve(true));
    expect(helped).toBe(0);
    expect(Array.from(scores)).toEqual(Array.from(expected));
  });
});
