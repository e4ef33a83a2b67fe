// src/scaffold: the notebook `crossexam new` writes for a user's own model(s) and table, and the
// decisions behind it (feature order, target). Pure; the command (src/cli/new.ts) does the file I/O.
export {
  findTarget, modelFeatures, namedFeatures, resolveFeatures, ScaffoldError,
  type FeatureRequest, type FeatureSource, type ModelFacts, type ModelFeatures,
} from "./features";
export { scaffoldNotebook, type ScaffoldModel, type ScaffoldSpec } from "./notebook";
export { dataFolderName, placeFile, type Placement } from "./placement";
export { targetOf } from "./target";
