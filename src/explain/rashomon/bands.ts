// Set-level effect curves: each member's PD or ALE on one shared grid, and the band they span at
// every grid point (min, quartiles, median, max). Where the band is wide the set does not agree
// on the effect.
import type { Batch, Predictor } from "../../model/types";
import { ale, type AleOptions } from "../ale";
import { ExplainError } from "../errors";
import type { EffectOptions } from "../ice";
import { pdp } from "../pdp";
import { inMemberChunks, spreadCount, type SpreadOptions } from "./spread";
import { summary, type Summary } from "./stats";

export interface SetEffectOptions extends EffectOptions, Pick<AleOptions, "bins">, SpreadOptions {
  /** which effect: partial dependence (default) or accumulated local effects */
  on?: "pdp" | "ale";
}

export interface BandPoint extends Summary {
  /** the grid value (PD) or bin edge / level (ALE) */
  x: number | string;
}

export interface SetEffects {
  feature: string;
  on: "pdp" | "ale";
  grid: (number | string)[];
  /** one curve per member, aligned with `grid` */
  curves: { model: string; values: number[] }[];
  band: BandPoint[];
  /** the widest band (max − min) and where */
  widest: { x: number | string; width: number };
}

export async function setEffects(members: readonly Predictor[], data: Batch, feature: string, options: SetEffectOptions = {}): Promise<SetEffects> {
  if (members.length === 0) throw new ExplainError("the set has no members");
  const on = options.on ?? "pdp";
  let grid: (number | string)[];
  let curves: { model: string; values: number[] }[];
  // each member's curve is independent of the others: chunks of members may run in workers
  const points = on === "ale" ? 2 : Array.isArray(options.grid) ? options.grid.length : (options.grid as { size?: number })?.size ?? 20;
  const workers = await spreadCount(members, options, members.length * data.n * points);
  const run = <R>(local: () => Promise<R[]>) => workers
    ? inMemberChunks<R>(on, members, data, feature, options as SetEffectOptions & Record<string, unknown>, workers)
    : local();
  if (on === "pdp") {
    const results = await run(() => pdp(members, data, feature, options));
    grid = results[0].values.grid;
    curves = results.map((r) => ({ model: r.model, values: r.values.average }));
  } else if (on === "ale") {
    // ALE bins and level order depend on the data only, so every member shares them
    const results = await run(() => ale(members, data, feature, options));
    const v = results[0].values;
    grid = v.kind === "numeric" ? v.edges : v.levels;
    curves = results.map((r) => ({ model: r.model, values: r.values.ale }));
  } else {
    throw new ExplainError(`unknown effect \`${String(on)}\`; use 'pdp' or 'ale'`);
  }
  const band = grid.map((x, k) => ({ x, ...summary(curves.map((c) => c.values[k])) }));
  let widest = { x: grid[0], width: -Infinity };
  for (const b of band) if (b.max - b.min > widest.width) widest = { x: b.x, width: b.max - b.min };
  return { feature, on, grid, curves, band, widest };
}
