// The planted structure of data/synthetic.csv, generated in the test with a seeded generator, and
// a family of closed-form "models" standing in for a trained Rashomon set:
//   y = 3·x1 + 2·x2·x3 + 0.5·x5² + noise,  x4 null,  noise sd 1 in group c (0.1 elsewhere).
// Members differ only in the strength of the x2·x3 term (and a tiny x4 slope), so they fit about
// equally well and disagree most where |x2·x3| is large: the planted interaction region.
import type { Batch } from "../../../src/model/types";
import { rng } from "../../../src/explain/random";
import { closedForm, type ClosedForm, type Row } from "../closed-form";

export const FEATURES = ["x1", "x2", "x3", "x4", "x5"] as const;

export function truth(r: Row): number {
  const x = r as Record<string, number>;
  return 3 * x.x1 + 2 * x.x2 * x.x3 + 0.5 * x.x5 ** 2;
}

export function syntheticBatch(n: number, seed = 7): Batch {
  const random = rng(seed);
  const cols = FEATURES.map(() => new Float64Array(n));
  const group: string[] = new Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (const c of cols) c[i] = -1 + 2 * random();
    group[i] = ["a", "b", "c"][Math.floor(3 * random())];
    // Box–Muller
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const row = Object.fromEntries(FEATURES.map((f, j) => [f, cols[j][i]]));
    y[i] = truth(row) + z * (group[i] === "c" ? 1 : 0.1);
  }
  return { n, columns: { ...Object.fromEntries(FEATURES.map((f, j) => [f, cols[j]])), group, y } };
}

/** The interaction strength and x4 slope of each member. */
export const MEMBERS = [
  { c: 2.0, d: 0 }, { c: 1.6, d: 0 }, { c: 2.4, d: 0 }, { c: 1.8, d: 0.03 }, { c: 2.2, d: -0.03 }, { c: 1.4, d: 0 }, { c: 2.6, d: 0 },
];

export function memberFn(c: number, d: number): (r: Row) => number {
  return (r) => {
    const x = r as Record<string, number>;
    return 3 * x.x1 + c * x.x2 * x.x3 + 0.5 * x.x5 ** 2 + d * x.x4;
  };
}

export function family(): ClosedForm[] {
  return MEMBERS.map(({ c, d }, k) => closedForm(`m${k}`, FEATURES, memberFn(c, d)));
}

/** Candidates far from optimal: no interaction, and x1 alone. */
export function poorCandidates(): ClosedForm[] {
  return [
    closedForm("additive", FEATURES, (r) => 3 * (r.x1 as number) + 0.5 * (r.x5 as number) ** 2),
    closedForm("x1-only", FEATURES, (r) => 3 * (r.x1 as number)),
  ];
}
