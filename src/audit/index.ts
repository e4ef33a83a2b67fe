// What src/audit offers: `audit` runs a battery of checks on one model or a set and returns findings,
// each with the panel that shows it; the pieces (effect shape, k-means) are exported for reuse.
export { audit, type AuditOptions } from "./audit";
export type { Audit, Finding, FindingKind, Panel } from "./types";
export { effectShape, type EffectShape } from "./effect-shape";
export { kmeans, type Clusters } from "./kmeans";
export { distinctSlices } from "./checks";
