// What src/plots offers: one Observable Plot view per explanation kind. Each takes one result or a
// list (one per model) and options, and returns an SVG or a <figure>/<div> holding the plot.
// Marks standing for a feature carry data-feature="name", observations data-row="i", models data-model.
export { importancePlot, type ImportancePlotOptions } from "./importance-plot";
export { pdpPlot, type PdpPlotOptions } from "./pdp-plot";
export { alePlot, type AlePlotOptions } from "./ale-plot";
export { shapPlot, type ShapPlotOptions } from "./shap-plot";
export { breakdownPlot, type BreakdownPlotOptions } from "./breakdown-plot";
export { performancePlot, type PerformancePlotOptions } from "./performance-plot";
export { residualPlot, type ResidualPlotOptions } from "./residual-plot";
export { distributionPlot, type DistributionPlotOptions } from "./distribution-plot";
export { PlotError, type BasePlotOptions } from "./options";
export { modelColors } from "./colors";
export { thresholdPlot, type ThresholdPlotOptions } from "./threshold-plot";
export { counterfactualView, type CounterfactualViewOptions } from "./counterfactual-view";
export { shapSummaryPlot, shapDependencePlot, type ShapSummaryPlotOptions, type ShapDependencePlotOptions } from "./shap-rows-plot";
export { trustLine } from "./check-view";
