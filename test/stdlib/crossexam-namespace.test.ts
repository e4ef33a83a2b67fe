import { afterEach, describe, expect, test } from "vitest";
import type { NotebookRuntime } from "../../src/runtime";
import { errorOf, js, makeRuntime, valueOf } from "../runtime/harness";

let rt: NotebookRuntime;
afterEach(() => rt?.dispose());

// cells resolve files against notebooks/test.html, as a notebook in notebooks/ would
describe("the crossexam namespace in cells", () => {
  test("loads a bundled table and model in one line each, and explains with them", async () => {
    rt = makeRuntime();
    rt.load([
      js(1, `const synthetic = await crossexam.loadTable(FileAttachment("../data/synthetic.csv"));`),
      js(2, `const gbm = await crossexam.loadModel(FileAttachment("../data/models/synthetic/y-gbm.onnx"));`),
      js(3, `const data = crossexam.batchFor(synthetic.table.slice(0, 200), gbm);`),
      js(4, `const pd = await crossexam.pdp(gbm, data, "x1", {grid: [-0.5, 0, 0.5], ...crossexam.cancellable(invalidation, progress)});`),
      js(5, `[gbm.name, gbm.features.join(","), synthetic.report.rows, pd.values.average.length]`),
    ]);
    expect(await valueOf(rt, 5)).toEqual(["synthetic-y-gbm", "x1,x2,x3,x4,x5,group", 2000, 3]);
    const pd = ((await valueOf(rt, 4)) as { pd: { values: { average: number[] } } }).pd;
    // y ≈ 3·x1 + …: the PD of x1 rises by about 3 per unit
    const [a, , c] = pd.values.average;
    expect(c - a).toBeGreaterThan(2);
    expect(c - a).toBeLessThan(4);
  }, 120_000);

  test("a model whose inputs the table lacks fails in place with the missing column named", async () => {
    rt = makeRuntime();
    rt.load([
      js(1, `const credit = await crossexam.loadTable(FileAttachment("../data/credit.csv"));`),
      js(2, `const gbm = await crossexam.loadModel(FileAttachment("../data/models/synthetic/y-gbm.onnx"));`),
      js(3, `await gbm.predict(crossexam.toBatch(credit.table, ["Income"]))`),
      js(4, `"still working"`),
    ]);
    await rt.idle(120_000);
    expect(errorOf(rt, 3)).toMatch(/x1/);
    expect(await valueOf(rt, 4)).toBe("still working");
  }, 120_000);

  test("a file that is not there fails in place with its name", async () => {
    rt = makeRuntime();
    rt.load([js(1, `await crossexam.loadTable(FileAttachment("../data/nope.csv"))`)]);
    await rt.idle();
    expect(errorOf(rt, 1)).toMatch(/cannot read file `..\/data\/nope.csv`/);
  });
});

describe("releasing what a cell made", () => {
  test("a model loaded with {invalidation} is disposed when its cell re-runs", async () => {
    rt = makeRuntime();
    rt.load([
      js(1, `const which = "y-gbm";`),
      js(2, `const file = which === "y-gbm" ? FileAttachment("../data/models/synthetic/y-gbm.onnx") : FileAttachment("../data/models/synthetic/y-linear.onnx");
             const model = await crossexam.loadModel(file, {invalidation}); log.push(model);`),
      js(3, `model.name`),
    ]);
    expect(await valueOf(rt, 3)).toBe("synthetic-y-gbm");
    rt.define(js(1, `const which = "y-linear";`));
    expect(await valueOf(rt, 3)).toBe("synthetic-y-linear");
    const [first, second] = (await rt.value("log")) as { predict(b: unknown): Promise<unknown> }[];
    const batch = { n: 1, columns: { ...Object.fromEntries(["x1", "x2", "x3", "x4", "x5"].map((f) => [f, Float64Array.of(0)])), group: ["a"] } };
    await expect(first.predict(batch)).rejects.toThrow(/was disposed/);
    await expect(second.predict(batch)).resolves.toHaveLength(1);
  }, 120_000);
});
