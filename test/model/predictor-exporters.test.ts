// loadModel on the real exporters' files: every class of every classifier, labelled or not, scores what the
// Python model says; `class` is checked (an unknown class or a class for a regressor is an error naming the classes).
import { describe, expect, test } from "vitest";
import { loadModel } from "../../src/model/index";
import { brokenFixtures, classesOf, exporterFixtures, featuresOption, fixtureData, onnxPath } from "../explain/exporters";
import { doubleOutputRegressor } from "./edited-model";
import { MODELS } from "./fixtures";

describe("loadModel(file from a real exporter).predict", () => {
  for (const f of exporterFixtures()) {
    test(`${f.name}: every class scores the Python model's probability (or value), to 1e-6`, async () => {
      const { data } = await fixtureData(f);
      for (const cls of classesOf(f)) {
        const m = await loadModel(onnxPath(f), { features: featuresOption(f), class: cls });
        expect(m.task).toBe(f.task);
        const got = await m.predict(data);
        const want = cls === undefined ? f.predictions.value! : f.predictions.probability!.map((p) => p[f.classes!.indexOf(cls)]);
        want.forEach((w, r) => expect(Math.abs(got[r] - w)).toBeLessThan(1e-6 * Math.max(1, Math.abs(w))));
        await m.dispose();
      }
    });
  }
});

describe("model.forClass(c): the same session scoring another class", () => {
  const gb3 = exporterFixtures().find((f) => f.name === "skl_gb_classifier3")!;
  test("scores each class's Python probability, with its trees, made once per class; a regressor and an unknown class throw", async () => {
    const { data } = await fixtureData(gb3);
    const m = await loadModel(onnxPath(gb3), { features: featuresOption(gb3), class: gb3.classes![0] });
    for (const cls of gb3.classes!) {
      const other = m.forClass(cls);
      expect(other).toMatchObject({ positiveClass: cls, classIndex: gb3.classes!.indexOf(cls), session: m.session });
      expect(m.forClass(cls)).toBe(other);
      const got = await other.predict(data);
      gb3.predictions.probability!.forEach((p, r) => expect(Math.abs(got[r] - p[gb3.classes!.indexOf(cls)])).toBeLessThan(1e-6));
      expect(other.treeEnsemble()?.postTransform).toBe("SOFTMAX");
    }
    expect(m.forClass(gb3.classes![0])).toBe(m);
    expect(() => m.forClass("banana")).toThrow(/class `banana` is not one of the model's classes/);
    await m.dispose();
    const reg = exporterFixtures().find((f) => f.name === "skl_gb_regressor")!;
    const r = await loadModel(onnxPath(reg), { features: featuresOption(reg) });
    expect(() => r.forClass(1)).toThrow("is a regressor: it has no classes to choose from");
    await r.dispose();
  });
});

describe("classes of a file that names none", () => {
  const softmax = exporterFixtures().find((f) => f.name === "torch_softmax3");
  const sigmoid = exporterFixtures().find((f) => f.name === "torch_sigmoid");
  const regressor = exporterFixtures().find((f) => f.name === "skl_gb_regressor");

  test.runIf(!!softmax)("a [N, 3] Softmax head: classes 0, 1, 2; without `class` the error lists them", async () => {
    await expect(loadModel(onnxPath(softmax!), { features: softmax!.features })).rejects.toThrow("the model has 3 classes (0, 1, 2): choose the one to score with `class`");
    const m = await loadModel(onnxPath(softmax!), { class: 2, features: softmax!.features });
    expect(m).toMatchObject({ task: "classification", classes: [0, 1, 2], classIndex: 2, positiveClass: 2 });
    await m.dispose();
  });

  test.runIf(!!softmax)("an index outside 0…K−1 or an unknown label is an error naming the classes and where they come from", async () => {
    for (const bad of [3, "3", "banana", -1]) {
      await expect(loadModel(onnxPath(softmax!), { class: bad, features: softmax!.features })).rejects.toThrow(
        `class \`${bad}\` is not one of the model's classes (0, 1, 2); the file names no classes, so they are the columns of its Softmax output, 0…2`,
      );
    }
  });

  test.runIf(!!sigmoid)("a [N, 1] Sigmoid head is binary: class 1 is the output, class 0 its complement, labels at 0.5", async () => {
    const { data } = await fixtureData(sigmoid!);
    const one = await loadModel(onnxPath(sigmoid!), { features: sigmoid!.features });
    expect(one).toMatchObject({ task: "classification", classes: [0, 1], classIndex: 1 });
    const zero = await loadModel(onnxPath(sigmoid!), { class: 0, features: sigmoid!.features });
    const label = await loadModel(onnxPath(sigmoid!), { output: "label", features: sigmoid!.features });
    const [p1, p0, l] = [await one.predict(data), await zero.predict(data), await label.predict(data)];
    sigmoid!.predictions.probability!.forEach((p, r) => {
      expect(p1[r]).toBeCloseTo(p[1], 6);
      expect(p0[r]).toBeCloseTo(p[0], 6);
      expect(l[r]).toBe(p[1] > 0.5 ? 1 : 0);
    });
    await expect(loadModel(onnxPath(sigmoid!), { class: 2, features: sigmoid!.features })).rejects.toThrow(/class `2` is not one of the model's classes \(0, 1\); .*Sigmoid output/);
    for (const m of [one, zero, label]) await m.dispose();
  });

  test.runIf(!!regressor)("`class` for a regressor is an error, not silently ignored", async () => {
    await expect(loadModel(onnxPath(regressor!), { class: 1, features: regressor!.features })).rejects.toThrow(
      "`class` 1 was given, but the model is a regressor (its output `variable` names no classes, comes from no Softmax or Sigmoid, and its rows do not sum to 1): leave `class` out",
    );
  });
});

describe("files onnxruntime would refuse", () => {
  for (const f of brokenFixtures()) {
    test(`${f.name} (${f.exporter}) is refused before a session, naming the operator, the double output and the fix`, async () => {
      await expect(loadModel(onnxPath(f), { features: f.features })).rejects.toThrow(
        "this file cannot be run: output `variable` is declared double (float64), but the TreeEnsembleRegressor computing it " +
          "(ai.onnx.ml opset 1) produces float32 only, so onnxruntime refuses the file — the file's fault, not the data's: " +
          "re-export it from float32 rows (skl2onnx: `to_onnx(model, X[:1].astype(numpy.float32))`)",
      );
    });
  }

  test("a TreeEnsembleRegressor whose output is declared double is refused before a session, saying why", async () => {
    const bytes = doubleOutputRegressor(`${MODELS}tree_regressor.onnx`);
    await expect(loadModel(bytes)).rejects.toThrow(
      /this file cannot be run: output `variable` is declared double \(float64\), but the TreeEnsembleRegressor computing it \(ai\.onnx\.ml opset \d\) produces float32/,
    );
  });
});
