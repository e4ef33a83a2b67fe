// The shape of an effect curve in numbers: how far it goes up and down, how often its direction
// flips (ignoring steps too small to matter), and its total variation relative to its range.

export interface EffectShape {
  range: number;
  /** Σ of rising steps and of falling steps (both ≥ 0) */
  up: number;
  down: number;
  /** times the direction flips between consecutive non-negligible steps */
  signChanges: number;
  /** total variation ÷ range: 1 for a monotone curve, large for a jagged one */
  jaggedness: number;
  /** min(up, down) ÷ (up + down): 0 for monotone, 0.5 for a curve that goes back as far as it went */
  nonMonotonicity: number;
}

/** Steps smaller than `negligible` × range count neither as a direction nor as a flip. */
export function effectShape(values: readonly number[], negligible = 0.01): EffectShape {
  const range = values.length ? Math.max(...values) - Math.min(...values) : 0;
  let up = 0, down = 0, flips = 0, last = 0;
  for (let k = 1; k < values.length; k++) {
    const step = values[k] - values[k - 1];
    if (step > 0) up += step; else down -= step;
    if (Math.abs(step) <= negligible * range) continue;
    const s = Math.sign(step);
    if (last !== 0 && s !== last) flips++;
    last = s;
  }
  const tv = up + down;
  return { range, up, down, signChanges: flips, jaggedness: range > 0 ? tv / range : 0, nonMonotonicity: tv > 0 ? Math.min(up, down) / tv : 0 };
}
