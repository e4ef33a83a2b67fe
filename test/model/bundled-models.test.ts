// Every bundled model (data/models/index.json) must reproduce, in Node, the scores Python computed
// when it was exported (`*.golden.json`): once from the exported input matrix, once from the raw
// CSV rows through the card's column order, category codes and missing-value fills.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { loadTable, toBatch } from "../../src/data/index";
import { loadModel, parseCard, readModelBytes, readTreeEnsemble, type Batch } from "../../src/model/index";
import { walkMargin } from "./tree-walk";

const DIR = fileURLToPath(new URL("../../data/models/", import.meta.url));
const INDEX = `${DIR}index.json`;
const hasIndex = existsSync(INDEX);

interface Entry { name: string; path: string; card: string; golden: string; dataset: string }
interface Golden { rows: number[]; inputs: number[][]; scores: number[] }
const index = hasIndex ? JSON.parse(readFileSync(INDEX, "utf8")) as { models: Entry[]; datasets: { name: string; path: string }[] } : { models: [], datasets: [] };
const read = <T>(rel: string): T => JSON.parse(readFileSync(DIR + rel, "utf8"));

/** float32 models and float64 Python: agree to 1e-5, relative to the score's size when it exceeds 1 */
function expectScores(got: Float64Array, want: number[], model: string) {
  expect(got.length, model).toBe(want.length);
  const worst = want.reduce((m, w, i) => Math.max(m, Math.abs(got[i] - w) / Math.max(1, Math.abs(w))), 0);
  expect(worst, `${model}: largest relative difference from golden scores`).toBeLessThanOrEqual(1e-5);
}

describe.skipIf(!hasIndex)("bundled models reproduce their golden scores (skipped: data/models/index.json is missing)", () => {
  test("the index lists models", () => {
    expect(index.models.length).toBeGreaterThan(0);
  });

  const tables = new Map<string, ReturnType<typeof loadTable>>();
  test.each(index.models.map((m) => [m.name, m] as const))("%s, from its exported input matrix and from the raw CSV rows", async (_, entry) => {
    const card = parseCard(read(entry.card));
    const golden = read<Golden>(entry.golden);
    const model = await loadModel(DIR + entry.path, { card });
    // 1. the encoded matrix Python fed the model
    const matrix = Object.fromEntries(model.features.map((f, j) => [f, Float64Array.from(golden.inputs, (r) => r[j] ?? NaN)]));
    expectScores(await model.predict({ n: golden.rows.length, columns: matrix }), golden.scores, `${entry.name} (input matrix)`);
    // 2. the same rows as the CSV holds them: categories as text, missing cells empty
    const dataset = index.datasets.find((d) => d.name === entry.dataset)!;
    if (!tables.has(dataset.name)) tables.set(dataset.name, loadTable(DIR + dataset.path));
    const { table, schema } = await tables.get(dataset.name)!;
    const all = toBatch(table, model.features, schema);
    const columns: Batch["columns"] = Object.fromEntries(Object.entries(all.columns).map(([k, col]) => {
      const picked = golden.rows.map((r) => col[r]);
      return [k, col instanceof Float64Array ? Float64Array.from(picked as number[]) : picked];
    }));
    expectScores(await model.predict({ n: golden.rows.length, columns }), golden.scores, `${entry.name} (CSV rows)`);
    await model.dispose();
  });

  const treeModels = index.models.filter((m) => /rf|gbm|xgb|rashomon/.test(m.name));
  test.each(treeModels.map((m) => [m.name, m] as const))("%s: the trees read out of the file give the golden scores, cover present", async (_, entry) => {
    const golden = read<Golden>(entry.golden);
    const e = readTreeEnsemble(await readModelBytes(DIR + entry.path));
    expect(e.hasCover, `${entry.name} carries nodes_hitrates`).toBe(true);
    expect(e.features).toEqual(parseCard(read(entry.card)).features.map((f) => f.name));
    const scores = Float64Array.from(golden.inputs, (x) => {
      const m = walkMargin(e, x.map((v) => v ?? NaN));
      return e.postTransform === "LOGISTIC" ? 1 / (1 + Math.exp(-m)) : m;
    });
    expectScores(scores, golden.scores, `${entry.name} (trees walked)`);
  });
});
