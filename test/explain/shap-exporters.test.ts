// Every SHAP method on every real exporter's file (test/fixtures/exporters): each result equals the reference
// it says it computes — interventional values in the space it states, path-dependent values with covers
// from the table it names — or refuses with a reason. References come from the Python models.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shap } from "../../src/explain/shap";
import { loadModel, type OnnxPredictor } from "../../src/model/index";
import type { Batch } from "../../src/model/types";
import {
  classesOf, exporterFixtures, featuresOption, fixtureData, onnxPath, outputFor, relativeError,
  type ExporterFixture, type ShapReference,
} from "./exporters";

const TREE_ROWS = [0, 3, 7, 12, 19, 29];
const EXACT_ROWS = [0, 7, 19];
/** tree methods (float64 over the file's float32 leaves) and exact (through onnxruntime, float32 scores) */
const TOL = 1e-6;

const fixtures = exporterFixtures();

/** The reference values (and base) for `cls` of reference `ref`; a binary one-margin file's class 0 is the mirror image. */
function reference(f: ExporterFixture, ref: ShapReference, cls: number | string | undefined, row: number) {
  let k = outputFor(ref, cls);
  let sign = 1;
  if (k < 0 && ref.outputs.length === 1 && f.classes?.length === 2) { k = 0; sign = -1; }
  if (k < 0) throw new Error(`reference has no output for class ${String(cls)}`);
  return { values: ref.values[k][row].map((v) => sign * v), base: sign * ref.base_values[k] };
}

/** What the model-calling methods compute: interventional values of the model's score (probability or value). */
function scoreReference(f: ExporterFixture): ShapReference {
  return f.shap.interventional_probability ?? f.shap.interventional_margin;
}

describe.each(fixtures.map((f) => [f.name, f] as const))("SHAP on %s", (_name, f) => {
  const isTree = !!f.onnx.tree_operators?.length;
  const post = f.onnx.tree_operators?.[0]?.post_transform;
  let data: Batch, background: Batch;
  const models = new Map<string, OnnxPredictor>();
  const model = (cls: number | string | undefined) => models.get(String(cls))!;

  beforeAll(async () => {
    ({ data, background } = await fixtureData(f));
    for (const cls of classesOf(f)) {
      models.set(String(cls), await loadModel(onnxPath(f), { features: featuresOption(f), class: cls, name: f.name }));
    }
  });
  afterAll(async () => { for (const m of models.values()) await m.dispose(); });

  for (const cls of classesOf(f)) {
    const which = cls === undefined ? "" : ` (class ${String(cls)})`;

    if (isTree) {
      it(`auto, tree and tree-interventional give the interventional TreeSHAP reference${which}, in the space they state`, async () => {
        const ref = f.shap.interventional_margin;
        const space = post === "NONE" ? (f.task === "classification" ? "probability" : "response") : "margin";
        for (const method of ["auto", "tree", "tree-interventional"] as const) {
          for (const row of TREE_ROWS) {
            const r = await shap(model(cls), data, { row, background, method });
            expect(r.params).toMatchObject({ method: "tree-interventional", space, background: "sample", backgroundSize: background.n });
            expect(r.params.note).toMatch(/no path-dependent TreeSHAP: .*(not covers|no nodes_hitrates)/);
            const want = reference(f, ref, cls, row);
            expect(relativeError(r.values.values, want.values)).toBeLessThan(TOL);
            expect(Math.abs(r.values.base - want.base)).toBeLessThan(TOL * Math.max(1, Math.abs(want.base)));
          }
        }
      });

      it(`tree-path refuses: the file's hitrates are not covers${which}`, async () => {
        await expect(shap(model(cls), data, { row: 0, background, method: "tree-path" }))
          .rejects.toThrow(/path-dependent TreeSHAP needs node covers.*\((nodes_hitrates are 1 on every node|the file carries no nodes_hitrates)/);
      });

      it(`tree-path with covers counted from the background table gives the path-dependent reference${which}`, async () => {
        const ref = f.shap.path_dependent_table_covers;
        for (const row of TREE_ROWS) {
          const r = await shap(model(cls), data, { row, background, method: "tree-path", covers: background, coversFrom: f.background_csv });
          expect(r.params.background).toBe(`path-dependent, covers from ${background.n} rows of ${f.background_csv}`);
          const want = reference(f, ref, cls, row);
          expect(relativeError(r.values.values, want.values)).toBeLessThan(TOL);
          expect(Math.abs(r.values.base - want.base)).toBeLessThan(TOL * Math.max(1, Math.abs(want.base)));
        }
      });
    } else {
      it(`the tree methods refuse: the file holds no trees${which}`, async () => {
        for (const method of ["tree", "tree-path", "tree-interventional"] as const) {
          await expect(shap(model(cls), data, { row: 0, background, method })).rejects.toThrow(/exposes no tree ensemble; use method 'exact'/);
        }
        expect((await shap(model(cls), data, { row: 0, background })).params.method).toBe("exact");
      });
    }

    it(`exact gives the interventional reference of the model's score${which}`, async () => {
      const ref = scoreReference(f);
      for (const row of EXACT_ROWS) {
        const r = await shap(model(cls), data, { row, background, method: "exact" });
        expect(r.params.space).toBe(f.task === "classification" ? "probability" : "response");
        const want = reference(f, ref, cls, row);
        expect(relativeError(r.values.values, want.values, 1e-3)).toBeLessThan(TOL);
      }
    });

    // the sampled methods do not depend on the class: one class (the last) keeps the file fast
    if (cls === classesOf(f).at(-1)) it(`permutation and kernel are within 3 standard errors of that reference${which}`, async () => {
      const ref = scoreReference(f);
      // 128 pairs: the standard error is itself estimated, and with few samples its own noise fattens the tails
      for (const method of ["permutation", "kernel"] as const) {
        const r = await shap(model(cls), data, { row: 3, background, method, seed: 1, samples: method === "permutation" ? 128 : 1024 });
        const se = r.se as number[];
        const want = reference(f, ref, cls, 3);
        r.values.values.forEach((v, j) => expect(Math.abs(v - want.values[j])).toBeLessThanOrEqual(3 * se[j] + 1e-6));
      }
    });
  }
});
