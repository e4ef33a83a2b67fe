// The standard errors the sampled SHAP methods report are honest: over many seeds, the typical
// reported SE matches the actual spread of the estimates around the exact Shapley values.
import { describe, expect, it } from "vitest";
import { shap } from "../../src/explain/shap";
import { closedForm, uniformData, type Row } from "./closed-form";

const six = ["a", "b", "c", "d", "e", "g"];
const f6 = (r: Row) => {
  const [a, b, c, d, e, g] = six.map((k) => r[k] as number);
  return a * b + Math.max(0, c - 1) * 2 + d * e * g / 3 + Math.sin(a + g) - e;
};
const data = uniformData(200, six, 11);
const background = uniformData(30, six, 2);
const SEEDS = 40;

describe("sampled SHAP: reported standard errors match the spread over seeds", () => {
  for (const method of ["permutation", "kernel"] as const) {
    it(`${method}: mean reported SE ÷ RMS error against exact is between 0.7 and 1.4 for every feature`, async () => {
      const m = closedForm("m", six, f6);
      const exact = (await shap(m, data, { row: 7, background, method: "exact" })).values.values;
      const sq = new Float64Array(six.length), se = new Float64Array(six.length);
      for (let seed = 0; seed < SEEDS; seed++) {
        const r = await shap(m, data, { row: 7, background, method, seed, samples: method === "kernel" ? 60 : 8 });
        r.values.values.forEach((v, j) => { sq[j] += (v - exact[j]) ** 2; se[j] += (r.se as number[])[j]; });
      }
      const ratios = six.map((_, j) => se[j] / SEEDS / Math.sqrt(sq[j] / SEEDS));
      // with antithetic permutation pairs a feature in pairwise interactions only is exact (error and SE ~0)
      for (const [j, ratio] of ratios.entries()) {
        if (se[j] / SEEDS <= 1e-9) { expect(Math.sqrt(sq[j] / SEEDS), six[j]).toBeLessThan(1e-9); continue; }
        expect(ratio, `${six[j]}: ${ratio.toFixed(2)}`).toBeGreaterThan(0.7);
        expect(ratio, `${six[j]}: ${ratio.toFixed(2)}`).toBeLessThan(1.4);
      }
    });
  }
});
