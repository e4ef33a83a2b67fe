// Checks of the explanations themselves: how stable a sampled result is under other seeds, how
// faithful a local attribution is to the model (deletion/insertion against random orders), and
// whether it passes the model-randomisation sanity check.
export { stability, type StabilityValues } from "./stability";
export { faithfulness, type FaithfulnessValues, type FaithfulnessOptions } from "./faithfulness";
export { sanityCheck, randomiseDependence, type SanityValues } from "./sanity";
export { spearman, ranks, attributionOf } from "./attribution";
