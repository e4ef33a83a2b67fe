// pdpPlot draws a sampled PD's standard error: a shaded ±2 SE band, said in the subtitle.
import { beforeAll, expect, test } from "vitest";
import * as plots from "../../src/plots/index";
import { loadFixtures, type Fixtures } from "./fixtures";
import { newDocument } from "./snapshot";

let f: Fixtures;
beforeAll(async () => { f = await loadFixtures(); });

test("pdpPlot(pdp with se) shades ±2 SE and names the sample; without se it draws no band", () => {
  const pdp = f.effectsOne.pdp;
  const sampled = { ...pdp, se: pdp.values.grid.map(() => 0.1), params: { ...pdp.params, sample: { rows: 200, of: 4454 } } };
  const withSe = plots.pdpPlot(sampled, { document: newDocument() });
  expect(withSe.querySelectorAll("g[aria-label=area] path").length).toBe(1);
  expect(withSe.textContent).toContain("±2 SE, sample of 200 of 4,454 rows");
  const plain = plots.pdpPlot(pdp, { document: newDocument() });
  expect(plain.querySelectorAll("g[aria-label=area] path").length).toBe(0);
});
