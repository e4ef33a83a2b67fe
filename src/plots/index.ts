// What src/plots offers: one Observable Plot view per explanation kind. Each takes one result or a
// list (one per model) and options, and returns an SVG or a <figure>/<div> holding the plot.
// Marks standing for a feature carry data-feature="name", observations data-row="i", models data-model.
// Every explanation plot carries a small download menu (SVG, PNG, CSV, JSON; export-menu.ts);
// `exportMenu: false` leaves it off.
import { alePlot as ale } from "./ale-plot";
import { breakdownPlot as breakdown } from "./breakdown-plot";
import { withExportMenu } from "./export-menu";
import { importancePlot as importance } from "./importance-plot";
import { pdpPlot as pdp } from "./pdp-plot";
import { performancePlot as performance } from "./performance-plot";
import { residualPlot as residual } from "./residual-plot";
import { shapPlot as shapView } from "./shap-plot";

export type { ImportancePlotOptions } from "./importance-plot";
export type { PdpPlotOptions } from "./pdp-plot";
export type { AlePlotOptions } from "./ale-plot";
export type { ShapPlotOptions } from "./shap-plot";
export type { BreakdownPlotOptions } from "./breakdown-plot";
export type { PerformancePlotOptions } from "./performance-plot";
export type { ResidualPlotOptions } from "./residual-plot";

/** The plot function `plot`, with the download menu added unless `options.exportMenu === false`. */
function exportable<R, O extends object>(plot: (results: R, options?: O) => SVGSVGElement | HTMLElement) {
  return (results: R, options?: O & { exportMenu?: boolean }): SVGSVGElement | HTMLElement => {
    const { exportMenu = true, ...rest } = (options ?? {}) as O & { exportMenu?: boolean };
    const el = plot(results, rest as O);
    return exportMenu ? withExportMenu(el, results) : el;
  };
}

export const importancePlot = exportable(importance);
export const pdpPlot = exportable(pdp);
export const alePlot = exportable(ale);
export const shapPlot = exportable(shapView);
export const breakdownPlot = exportable(breakdown);
export const performancePlot = exportable(performance);
export const residualPlot = exportable(residual);
export { explanationTable, toCsv, toJson, type FlatTable } from "./export-table";
export { exportText, withExportMenu } from "./export-menu";
export { distributionPlot, type DistributionPlotOptions } from "./distribution-plot";
export { PlotError, type BasePlotOptions } from "./options";
export { modelColors } from "./colors";
export { thresholdPlot, type ThresholdPlotOptions } from "./threshold-plot";
export { counterfactualView, type CounterfactualViewOptions } from "./counterfactual-view";
export { shapSummaryPlot, shapDependencePlot, type ShapSummaryPlotOptions, type ShapDependencePlotOptions } from "./shap-rows-plot";
export { trustLine } from "./check-view";
