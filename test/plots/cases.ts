// Every plot the tests snapshot and the gallery shows, by name, built from the fixtures.
import * as plots from "../../src/plots/index";
import type { Fixtures } from "./fixtures";

export type Case = (f: Fixtures, document: Document) => SVGSVGElement | HTMLElement;

export const cases: Record<string, Case> = {
  "importance-30-features": (f, document) => plots.importancePlot(f.importanceWide, { document }),
  "importance-two-models": (f, document) => plots.importancePlot(f.importancePair, { document, units: "USD" }),
  "pdp-ice-one-model": (f, document) => plots.pdpPlot(f.effectsOne, { document, rug: f.data.columns.x2 }),
  "pdp-two-models": (f, document) => plots.pdpPlot(f.effectsPair, { document, rug: f.data.columns.x2 }),
  "pdp-rashomon-band": (f, document) => plots.pdpPlot(f.effectsSet, { document, rug: f.data.columns.x2 }),
  "pdp-categorical": (f, document) => plots.pdpPlot(f.effectsCategorical, { document }),
  "ale-one-model": (f, document) => plots.alePlot(f.aleOne, { document, rug: f.data.columns.x2 }),
  "ale-two-models": (f, document) => plots.alePlot(f.alePair, { document }),
  "ale-rashomon-band": (f, document) => plots.alePlot(f.aleSet, { document }),
  "ale-categorical": (f, document) => plots.alePlot(f.aleCategorical, { document }),
  "shap-exact": (f, document) => plots.shapPlot(f.shapExact, { document }),
  "shap-sampled-se": (f, document) => plots.shapPlot(f.shapSampled, { document }),
  "shap-two-models": (f, document) => plots.shapPlot(f.shapPair, { document }),
  "shap-30-features": (f, document) => plots.shapPlot(f.shapWide, { document }),
  "breakdown-interaction": (f, document) => plots.breakdownPlot(f.breakdownOne, { document }),
  "breakdown-two-models": (f, document) => plots.breakdownPlot(f.breakdownPair, { document }),
  "breakdown-30-features": (f, document) => plots.breakdownPlot(f.breakdownWide, { document }),
  "performance-roc-pr": (f, document) => plots.performancePlot(f.performanceClassification, { document }),
  "performance-regression-metrics": (f, document) => plots.performancePlot(f.performanceRegression, { document }),
  "performance-predicted-vs-actual": (f, document) => plots.performancePlot(f.residualsPair, { document }),
  "residuals-vs-prediction": (f, document) => plots.residualPlot(f.residualsPair, { document }),
  "residuals-vs-feature": (f, document) => plots.residualPlot(f.residualsOne, { document, against: "x2" }),
  "residuals-vs-categorical": (f, document) => plots.residualPlot(f.residualsPair, { document, against: "region" }),
  "distribution-numeric": (f, document) => plots.distributionPlot(f.data, "x1", { document }),
  "distribution-categorical": (f, document) => plots.distributionPlot(f.data, "region", { document }),
};
