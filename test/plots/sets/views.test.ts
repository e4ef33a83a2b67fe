// The set views draw what the Rashomon math returned, and nothing else: one mark per candidate,
// feature or member, the verdict and k of m of each hypothesis as check() gave them, and an audit
// list whose value is the clicked finding's panel. Inputs come from the real functions run on the
// closed-form planted family (test/explain/rashomon/family.ts); the views are checked against them.
import { beforeAll, describe, expect, test } from "vitest";
import { audit } from "../../../src/audit/index";
import { disagreement, disagreementSlices, modelClassReliance, rashomonSet, setEffects, type Disagreement, type ModelClassReliance, type RashomonSet, type SetEffects, type Slice } from "../../../src/explain/rashomon/index";
import { checkAll, interaction, monotone, moreImportant, importance, effectSign } from "../../../src/hypotheses/index";
import type { HypothesisResult } from "../../../src/hypotheses/types";
import type { Audit } from "../../../src/audit/types";
import { auditView, disagreementView, hypothesisView, mcrPlot, rashomonView, setEffectsPlot } from "../../../src/plots/sets/index";
import { family, poorCandidates, syntheticBatch, FEATURES } from "../../explain/rashomon/family";
import { newDocument } from "../snapshot";

const data = syntheticBatch(300);
let set: RashomonSet, mcr: ModelClassReliance, band: SetEffects, d: Disagreement, slices: Slice[], results: HypothesisResult[], report: Audit;

beforeAll(async () => {
  set = await rashomonSet([...family(), ...poorCandidates()], data, { target: "y", epsilon: 0.05 });
  mcr = await modelClassReliance(set.members, data, { target: "y", repeats: 2 });
  band = await setEffects(set.members, data, "x2", { grid: { size: 10 } });
  d = await disagreement(set.members, data);
  slices = await disagreementSlices(d, data, { features: [...FEATURES], top: 4 });
  results = await checkAll([
    monotone("x1", "increasing", { expected: true }),
    effectSign("x5", { from: 0, to: 1 }, "positive"),
    moreImportant("x1", "x4", { repeats: 2 }),
    // members m3 and m4 have a small x4 slope, the others none: a mixed verdict
    importance("x4", "below", 1e-12, { repeats: 2 }),
    interaction("x2", "x3", { above: 0.05, rows: 20 }),
  ], set, data, { target: "y" });
  report = await audit(set, data, { target: "y", repeats: 2, sampleRows: 100, interactionRows: 12, prototypes: false });
}, 60_000);

describe("rashomonView(set)", () => {
  test("draws one dot per candidate, the members marked as such, and the threshold", () => {
    const el = rashomonView(set, { document: newDocument() });
    const dots = el.querySelectorAll("[data-member]");
    expect(dots).toHaveLength(set.scores.length);
    expect(el.querySelectorAll('[data-member="true"]')).toHaveLength(set.members.length);
    expect(set.excluded.length).toBeGreaterThan(0);
    expect(el.textContent).toContain(`${set.members.length} of ${set.scores.length} candidates`);
    expect(el.textContent).toMatch(/threshold/);
  });
});

describe("mcrPlot(mcr)", () => {
  test("draws one interval per feature and one tick per member and feature", () => {
    const el = mcrPlot(mcr, { document: newDocument() });
    const bars = [...el.querySelectorAll("rect[data-feature]")].map((r) => r.getAttribute("data-feature"));
    expect(bars).toEqual(mcr.features.map((f) => f.feature));
    expect(el.querySelectorAll('g[aria-label="tick"] line')).toHaveLength(mcr.features.length * set.members.length);
  });
});

describe("setEffectsPlot(effects)", () => {
  test("draws every member's curve over the band and says where it is widest", () => {
    const el = setEffectsPlot(band, { document: newDocument() });
    const models = new Set([...el.querySelectorAll("path[data-model]")].map((p) => p.getAttribute("data-model")));
    expect([...models].sort()).toEqual(set.members.map((m) => m.name).sort());
    expect(el.querySelectorAll('g[aria-label="area"]').length).toBeGreaterThanOrEqual(2);
    expect(el.textContent).toContain("widest at x2");
  });
});

describe("disagreementView(d, {slices})", () => {
  test("states the models, rows and discrepancy pair, and lists the slices", () => {
    const el = disagreementView(d, { document: newDocument(), slices });
    expect(el.textContent).toContain(`${d.models.length} models, ${d.n} rows`);
    expect(el.textContent).toContain(d.discrepancyPair.join(" and "));
    expect(el.querySelectorAll("svg").length).toBeGreaterThanOrEqual(2);
    expect(el.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(slices.length);
  });
});

describe("hypothesisView(results)", () => {
  test("shows each result's sentence, verdict and k of m as check() returned them", () => {
    const el = hypothesisView(results, { document: newDocument() });
    const sections = [...el.querySelectorAll("section")];
    expect(sections.map((s) => s.getAttribute("data-verdict"))).toEqual(results.map((r) => r.verdict));
    sections.forEach((s, k) => {
      expect(s.textContent).toContain(results[k].hypothesis.text);
      expect(s.textContent).toContain(`holds in ${results[k].holds} of ${results[k].of} models`);
      for (const name of results[k].failing) expect(s.textContent).toContain(name);
      // one table row of evidence per model
      expect(s.querySelectorAll("tbody tr")).toHaveLength(results[k].of);
      expect(s.querySelector("svg"), results[k].hypothesis.kind).not.toBeNull();
    });
    expect(results.map((r) => r.verdict)).toContain("mixed");
  });

  test("a monotone result draws each model's effect curve from its evidence", () => {
    const el = hypothesisView(results[0], { document: newDocument() });
    expect(el.querySelectorAll('g[aria-label="line"] path')).toHaveLength(results[0].of);
    expect(el.textContent).toContain("expected ✓");
  });

  test("refuses what is not a result, saying what to pass", () => {
    expect(() => hypothesisView(Promise.resolve(results[0]) as never, { document: newDocument() })).toThrow(/await/);
  });
});

describe("auditView(audit)", () => {
  test("lists every finding with a button naming its panel; the value is the first finding's panel", () => {
    const el = auditView(report, { document: newDocument() });
    expect(report.findings.length).toBeGreaterThan(1);
    expect(el.querySelectorAll("li[data-finding]")).toHaveLength(report.findings.length);
    expect(el.querySelectorAll("button[data-panel]")).toHaveLength(report.findings.length);
    expect(el.value).toMatchObject({ ...report.findings[0].panel, index: 0 });
  });

  test("clicking a finding makes its panel the value and dispatches input", () => {
    const el = auditView(report, { document: newDocument() });
    let inputs = 0;
    el.addEventListener("input", () => inputs++);
    (el.querySelector('li[data-finding="1"]') as HTMLElement).click();
    expect(inputs).toBe(1);
    expect(el.value).toMatchObject({ ...report.findings[1].panel, index: 1, finding: report.findings[1] });
  });
});

describe("sets of one model", () => {
  test("disagreementView says there is nothing to compare, in a sentence and no chart", async () => {
    const one = await disagreement(set.members.slice(0, 1), data);
    const el = disagreementView(one, { document: newDocument(), slices: await disagreementSlices(one, data) });
    expect(el.textContent).toBe(`One model is within ε (${set.members[0].name}): nothing to compare.`);
    expect(el.querySelectorAll("svg")).toHaveLength(0);
  });

  test("titles count in the singular: \"across 1 model\", \"1 model ·\"", async () => {
    const members = set.members.slice(0, 1);
    expect(setEffectsPlot(await setEffects(members, data, "x2", { grid: { size: 5 } }), { document: newDocument() }).textContent).toContain("across 1 model");
    const text = mcrPlot(await modelClassReliance(members, data, { target: "y", repeats: 1 }), { document: newDocument() }).textContent;
    expect(text).toContain("1 model ·");
    expect(text).not.toContain("1 models");
  });

  test("and in the plural for many: \"12 models\"", () => {
    expect(setEffectsPlot(band, { document: newDocument() }).textContent).toContain(`across ${set.members.length} models`);
  });
});
