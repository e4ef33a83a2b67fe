// Explanations computed once, on closed-form models with fixed seeds, for the plot tests and the
// gallery. Nothing here is a hard-coded result: every value comes from the real explainers.
import { ale, breakdown, effects, importance, modelPerformance, residuals, rng, shap } from "../../src/explain/index";
import type { Batch } from "../../src/model/types";
import { closedForm, uniformData } from "../explain/closed-form";

const LONG = "total_living_area_above_ground_sqft";
/** 30 features, one with a long name; the score leans on the first ones most. */
export const wideFeatures = Array.from({ length: 30 }, (_, j) => (j === 2 ? LONG : `x${String(j + 1).padStart(2, "0")}`));

function withTarget(data: Batch, y: Float64Array): Batch {
  return { n: data.n, columns: { ...data.columns, y } };
}

const regions = ["north", "south", "east", "west"];
/** Three numeric features and a categorical one, with a regression target. */
export function smallData(n = 240): Batch {
  const base = uniformData(n, ["x1", "x2", "x3"], 7);
  const r = rng(11);
  const region = Array.from({ length: n }, () => regions[Math.floor(r() * regions.length)]);
  const f = (i: number) => small(base.columns.x1[i] as number, base.columns.x2[i] as number, base.columns.x3[i] as number, region[i]);
  const y = Float64Array.from({ length: n }, (_, i) => f(i) + (r() - 0.5));
  return { n, columns: { ...base.columns, region, y } };
}
function small(x1: number, x2: number, x3: number, region: string, k = 0): number {
  return 2 * x1 + Math.sin(2 * x2 + k / 4) + x2 * x3 * (1 + k / 20) + (region === "east" ? 1 : region === "west" ? -0.5 : 0);
}
const smallFeatures = ["x1", "x2", "x3", "region"];
export function smallModel(name: string, k = 0) {
  return closedForm(name, smallFeatures, (row) => small(row.x1 as number, row.x2 as number, row.x3 as number, row.region as string, k));
}

export async function fixtures() {
  // importance: 30 features, one model; 5 features, two models
  const wide = uniformData(200, wideFeatures, 3);
  const wideFn = (row: Record<string, number | string>) => wideFeatures.reduce((s, f, j) => s + (row[f] as number) * 3 / (j + 1) ** 1.3, 0);
  const wideY = Float64Array.from({ length: wide.n }, (_, i) => wideFeatures.reduce((s, f, j) => s + (wide.columns[f][i] as number) * 3 / (j + 1) ** 1.3, 0) + Math.sin(i));
  const wideData = withTarget(wide, wideY);
  const importanceWide = await importance(closedForm("linear", wideFeatures, wideFn), wideData, { target: "y", repeats: 5, seed: 1 });

  const data = smallData();
  const champion = smallModel("champion");
  const challenger = closedForm("challenger", smallFeatures, (row) => 1.6 * (row.x1 as number) + (row.x2 as number) * (row.x3 as number));
  const importancePair = await importance([champion, challenger], data, { target: "y", repeats: 8, seed: 2 });

  // effects: PD + 150 ICE rows (above the 100-curve cap); two models; a set of 8
  const iceRows = Array.from({ length: 150 }, (_, i) => i);
  const effectsOne = await effects(champion, data, "x2", { grid: { size: 25 }, rows: iceRows });
  const effectsPair = await effects([champion, challenger], data, "x2", { grid: { size: 25 }, rows: iceRows.slice(0, 30) });
  const rashomon = Array.from({ length: 8 }, (_, k) => smallModel(`rashomon-${String(k).padStart(2, "0")}`, k));
  const effectsSet = await effects(rashomon, data, "x2", { grid: { size: 25 }, rows: [] });
  const effectsCategorical = await effects([champion, challenger], data, "region", { rows: iceRows.slice(0, 40) });
  const aleOne = await ale(champion, data, "x2", { bins: 20 });
  const alePair = await ale([champion, challenger], data, "x2", { bins: 20 });
  const aleSet = await ale(rashomon, data, "x2", { bins: 20 });
  const aleCategorical = await ale([champion, challenger], data, "region");

  // local explanations of row 3
  const shapExact = await shap(champion, data, { row: 3, method: "exact", background: 60 });
  // a three-way interaction, so sampled Shapley values carry a real standard error
  const threeWay = closedForm("three-way", smallFeatures, (row) => small(row.x1 as number, row.x2 as number, row.x3 as number, row.region as string) + 2 * (row.x1 as number) * (row.x2 as number) * (row.x3 as number));
  const shapSampled = await shap(threeWay, data, { row: 3, method: "permutation", samples: 6, background: 40, seed: 4 });
  const shapPair = await shap([champion, challenger], data, { row: 3, method: "exact", background: 60 });
  const shapWide = await shap(closedForm("linear", wideFeatures, wideFn), wideData, { row: 5, method: "kernel", background: 30, samples: 400 });
  const breakdownOne = await breakdown(champion, data, { row: 3, background: 60, order: ["x1", "x2:x3", "region"] });
  const breakdownPair = await breakdown([champion, challenger], data, { row: 3, background: 60 });
  const breakdownWide = await breakdown(closedForm("linear", wideFeatures, wideFn), wideData, { row: 5, background: 30 });

  // fit: a classifier pair on a seeded binary outcome; regression residuals
  const r = rng(21);
  const cls = uniformData(300, ["a", "b"], 9);
  const logit = (a: number, b: number) => 1 / (1 + Math.exp(-(2 * a - b)));
  const label = Array.from({ length: cls.n }, (_, i) => (r() < logit(cls.columns.a[i] as number, cls.columns.b[i] as number) ? "yes" : "no"));
  const clsData = { n: cls.n, columns: { ...cls.columns, label } };
  const good = closedForm("logistic", ["a", "b"], (row) => logit(row.a as number, row.b as number), { task: "classification", positiveClass: "yes" });
  const weak = closedForm("a-only", ["a", "b"], (row) => 1 / (1 + Math.exp(-(row.a as number))), { task: "classification", positiveClass: "yes" });
  const performanceClassification = await modelPerformance([good, weak], clsData, { target: "label" });
  const performanceRegression = await modelPerformance([champion, challenger], data, { target: "y" });
  const residualsPair = await residuals([champion, challenger], data, { target: "y" });
  const residualsOne = await residuals(champion, data, { target: "y" });

  return {
    data, wideData, importanceWide, importancePair,
    effectsOne, effectsPair, effectsSet, effectsCategorical, aleOne, alePair, aleSet, aleCategorical,
    shapExact, shapSampled, shapPair, shapWide, breakdownOne, breakdownPair, breakdownWide,
    performanceClassification, performanceRegression, residualsPair, residualsOne,
  };
}

export type Fixtures = Awaited<ReturnType<typeof fixtures>>;
let cached: Promise<Fixtures> | undefined;
/** The fixtures, computed once per process. */
export function loadFixtures(): Promise<Fixtures> {
  return (cached ??= fixtures());
}
