// One colour per model, fixed by the model's position in the list, so the same set of models
// gets the same colours in every panel.
import { interpolateTurbo, quantize, schemeObservable10 } from "d3";

/** Colours for `n` models: Observable's 10-colour categorical scheme, or a turbo ramp beyond 10. */
export function modelColors(n: number): string[] {
  if (n <= schemeObservable10.length) return schemeObservable10.slice(0, n) as string[];
  return quantize((t) => interpolateTurbo(0.05 + 0.9 * t), n);
}

/** The colour scale options for a set of model names (legend on, order kept). */
export function modelColorScale(models: readonly string[], legend = true) {
  return { type: "ordinal" as const, domain: [...models], range: modelColors(models.length), legend };
}

/** Bars that push a score up or down (waterfalls). */
export const POSITIVE = "#2e7d32";
export const NEGATIVE = "#c62828";
/** Neutral ink for bands, rules and summary bars. */
export const NEUTRAL = "#777";
