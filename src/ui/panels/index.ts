// What src/ui/panels offers: the linked panel grid (`explorer`) with its what-if editor, the
// DOM-free engine behind it, and the pure selection and form logic.
export { explorer, type ExplorerOptions, type ExplorerValue, type ExplorerElement } from "./explorer";
export { PanelGrid, oneRow, type PanelGridOptions, type PanelState } from "./panel-grid";
export { PANELS, defaultExplainers, withValue, type PanelSpec, type PanelContext, type Explainers } from "./panels";
export { affectedPanels, changedParts, selectFeature, selectRow, editValue, type Selection, type Dependency } from "./selection";
export { whatIfFields, fieldValue, niceStep, type WhatIfField, type NumericField, type CategoricalField } from "./what-if-fields";
