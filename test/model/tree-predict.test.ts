// Scoring a whole table with the tree engine (src/model/tree-predict.ts, tree-bitvector.ts): the scores
// must be onnxruntime's own, bit for bit, or onnxruntime must score the table, with the reason.
import { afterAll, describe, expect, test } from "vitest";
import { loadTable, toBatch } from "../../src/data/index";
import { loadModel, type Batch, type OnnxPredictor } from "../../src/model/index";
import { bitvectorLayout, bitvectorSums, type BitvectorLayout } from "../../src/model/tree-bitvector";
import { probeRows } from "../../src/model/tree-engine-check";
import { exactSumScores, margins } from "../../src/model/tree-engine";
import { CHUNK, HELPER_ROWS, predictTable } from "../../src/model/tree-predict";

const DATA = "data/models";
const opened: OnnxPredictor[] = [];
afterAll(async () => { for (const m of opened) await m.dispose(); });

async function open(name: string): Promise<OnnxPredictor> {
  const m = await loadModel(`${DATA}/${name}.onnx`, { card: `${DATA}/${name}.card.json`, allowMissing: true });
  opened.push(m);
  return m;
}

/** `n` rows of the dataset, cycled, with every 13th cell of every 7th row missing (NaN) */
async function rows(dataset: string, model: OnnxPredictor, n: number): Promise<Batch> {
  const { table, schema } = await loadTable(`data/${dataset}.csv`);
  const all = toBatch(table, [...model.features], schema);
  const columns = Object.fromEntries(Object.entries(all.columns).map(([k, c], j) => {
    if (!(c instanceof Float64Array)) return [k, Array.from({ length: n }, (_, r) => c[r % all.n])];
    return [k, Float64Array.from({ length: n }, (_, r) => (r % 7 === 0 && (r + j) % 13 === 0 ? NaN : c[r % all.n]))];
  }));
  return { n, columns };
}

describe("bitvector leaves (QuickScorer) find the walk's leaves", () => {
  test.each(["ames/gbm", "ames/rf"])("%s: float32 sums of probe rows (on, below, above thresholds, missing) equal the walk's", async (name) => {
    const m = await open(name);
    const L = (await m.treeEngine()).engine!.layout;
    const B = bitvectorLayout(L);
    if (typeof B === "string") {
      // a forest grown deep has trees past 32 leaves: refused with the reason, never half-used
      expect(B).toMatch(/more than 32 leaves/);
      return;
    }
    const n = 2000, p = L.features.length, x = probeRows(L, n, 3);
    const viaBits = new Float64Array(n), walked = new Float64Array(n);
    exactSumScores(L, x, n, p, viaBits, 0, B as BitvectorLayout);
    exactSumScores(L, x, n, p, walked, 0);
    expect(Array.from(viaBits)).toEqual(Array.from(walked));
    // and both are the float64 margins rounded as float32 sums are: within float32 error of them
    const m64 = margins(L, x, n, p);
    for (let r = 0; r < n; r++) expect(Math.abs(walked[r] - m64[r])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(m64[r])));
    const sums = new Float32Array(n);
    bitvectorSums(B as BitvectorLayout, x, n, sums);
    expect(sums.some((s) => s !== 0)).toBe(true);
  });
});

describe("predictTable: the whole table, chunk by chunk", () => {
  test("a gradient-boosted regressor is scored by the tree engine, to onnxruntime's scores bit for bit (missing cells too)", async () => {
    const m = await open("ames/gbm");
    const batch = await rows("ames", m, 3 * CHUNK + 17);
    const r = await predictTable(m, batch);
    const ort = await m.predict(batch);
    expect(Array.from(r.scores)).toEqual(Array.from(ort));
    // the choice depends on timing only between two identical answers; the check must have passed
    if (r.engine === "onnxruntime") expect(r.reason).toMatch(/slower/);
  });

  test("past HELPER_ROWS rows a second thread (CROSSEXAM_TREE_THREADS=2) shares the chunks: the scores of one thread, bit for bit", async () => {
    // (one thread's are onnxruntime's: the test above; onnxruntime on all these rows would take seconds)
    const m = await open("ames/gbm");
    const batch = await rows("ames", m, HELPER_ROWS + CHUNK + 29);
    let r, one;
    try {
      process.env.CROSSEXAM_TREE_THREADS = "2"; // the helper, whatever the machine's load
      r = await predictTable(m, batch);
      delete process.env.CROSSEXAM_TREE_THREADS; // the default: one thread
      one = await predictTable(m, batch);
    } finally { delete process.env.CROSSEXAM_TREE_THREADS; }
    expect(one.helped).toBeUndefined();
    expect(Array.from(r.scores)).toEqual(Array.from(one.scores));
    if (r.engine === "trees") expect(r.helped).toBeGreaterThanOrEqual(0); // the helper path ran (its share depends on the machine)
    else expect(r.reason).toMatch(/slower/);
  }, 60_000);

  test("a classifier stays with onnxruntime, and says why", async () => {
    const m = await open("credit/gbm");
    const batch = await rows("credit", m, CHUNK + 5);
    const r = await predictTable(m, batch);
    expect(r.engine).toBe("onnxruntime");
    expect(r.reason).toMatch(/classifier/);
    expect(Array.from(r.scores)).toEqual(Array.from(await m.predict(batch)));
  });

  test("an input error names the row in the whole table (rows counted from 1), whichever engine scores", async () => {
    // no card, so nothing fills a non-finite value: it is an error
    const m = await loadModel("bench/fixtures/ames10-gbm.onnx");
    opened.push(m);
    const { table, schema } = await loadTable("data/ames.csv");
    const all = toBatch(table, [...m.features], schema);
    const n = 2 * CHUNK + 3;
    const columns = Object.fromEntries(Object.entries(all.columns).map(([k, c]) => [k, Float64Array.from({ length: n }, (_, r) => (c as Float64Array)[r % all.n])]));
    (columns[m.features[2]] as Float64Array)[CHUNK + 41] = Infinity;
    await expect(predictTable(m, { n, columns })).rejects.toThrow(new RegExp(`row ${CHUNK + 42}\\b`));
  });
});
