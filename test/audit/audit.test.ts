import { describe, expect, test } from "vitest";
import { audit, effectShape, kmeans } from "../../src/audit/index";
import { rashomonSet } from "../../src/explain/rashomon/index";
import { shapRows } from "../../src/explain/shap-rows";
import { closedForm } from "../explain/closed-form";
import { family, FEATURES, poorCandidates, syntheticBatch, truth } from "../explain/rashomon/family";

const data = syntheticBatch(800);

describe("audit(set, data, {target})", async () => {
  const set = await rashomonSet([...family(), ...poorCandidates()], data, { target: "y", epsilon: 0.05 });
  const report = await audit(set, data, { target: "y", sampleRows: 200, interactionRows: 30, prototypes: { rows: 24, background: 30 } });

  test("audits the set's best model and names every member", () => {
    expect(report.focus).toBe(set.best.name);
    expect(report.models).toEqual(set.members.map((m) => m.name));
  });

  test("the noisy subgroup group = c is the worst error slice, with support and an interval above the overall error", () => {
    const slice = report.findings.find((f) => f.kind === "error-slice")!;
    expect(slice.panel).toMatchObject({ kind: "residuals" });
    const d = slice.detail as { conditions: { feature: string; value: unknown }[]; support: number; lower: number; overall: number; mean: number };
    expect(d.conditions).toContainEqual({ feature: "group", op: "=", value: "c" });
    expect(d.lower).toBeGreaterThan(d.overall);
    expect(d.support).toBeGreaterThanOrEqual(40);
    expect(slice.severity).toBe("alert");
  });

  test("the set disagrees most on a slice cut on x2 and x3", () => {
    const slice = report.findings.find((f) => f.kind === "disagreement-slice")!;
    const d = slice.detail as { conditions: { feature: string }[] };
    expect(new Set(d.conditions.map((c) => c.feature))).toEqual(new Set(["x2", "x3"]));
  });

  test("the planted interaction x2:x3 is the strongest one reported", () => {
    const inter = report.findings.find((f) => f.kind === "interaction")!;
    expect(inter.detail).toMatchObject({ a: expect.stringMatching(/^x[23]$/), b: expect.stringMatching(/^x[23]$/), rank: 1 });
    expect(inter.panel.features).toHaveLength(2);
  });

  test("x1 (3·x1) dominates importance: flagged as possible leakage", () => {
    const dom = report.findings.find((f) => f.kind === "dominant-feature")!;
    expect(dom.detail).toMatchObject({ feature: "x1" });
    expect(dom.title).toMatch(/possible leakage/);
  });

  test("the U-shaped effect of x5 is reported as non-monotone, the straight x1 is not", () => {
    const shapes = report.findings.filter((f) => f.kind === "non-monotone").map((f) => f.panel.feature);
    expect(shapes).toContain("x5");
    expect(shapes).not.toContain("x1");
  });

  test("local explanations are grouped into prototypes that cover every explained row", () => {
    const proto = report.findings.find((f) => f.kind === "prototypes")!;
    const clusters = (proto.detail as { clusters: { size: number; meanShap: Record<string, number> }[] }).clusters;
    expect(clusters.reduce((s, c) => s + c.size, 0)).toBe(24);
    expect(Object.keys(clusters[0].meanShap).sort()).toEqual([...FEATURES]);
  });

  test("prototypes read SHAP values of many rows computed once (shapRows), clustering exactly those rows", async () => {
    const local = await shapRows(set.best, data, { rows: 18, background: 30, seed: 3 });
    const again = await audit(set, data, { target: "y", sampleRows: 200, interactionRows: 30, prototypes: { from: local, k: 2 } });
    const proto = again.findings.find((f) => f.kind === "prototypes")!;
    const clusters = (proto.detail as { clusters: { rows: number[] }[] }).clusters;
    expect(clusters.flatMap((c) => c.rows).sort((a, b) => a - b)).toEqual([...local.values.rows].sort((a, b) => a - b));
    const other = set.members.find((m) => m.name !== set.best.name)!;
    const wrong = await shapRows(other, data, { rows: 5, background: 10 });
    await expect(audit(set, data, { target: "y", prototypes: { from: wrong } })).rejects.toThrow(/the SHAP rows given are of/);
  });

  test("findings are ordered alert, warning, info", () => {
    const rank = { alert: 0, warning: 1, info: 2 };
    const ranks = report.findings.map((f) => rank[f.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe("audit(model, …) on one model", () => {
  test("a jagged effect is reported as jagged; no disagreement without a set", async () => {
    const jag = closedForm("jag", FEATURES, (r) => truth(r) + 0.6 * Math.sin(40 * (r.x1 as number)));
    const report = await audit(jag, data, { target: "y", sampleRows: 150, interactionRows: 20, prototypes: false });
    expect(report.findings.some((f) => f.kind === "jagged-effect" && f.panel.feature === "x1")).toBe(true);
    expect(report.findings.some((f) => f.kind === "disagreement-slice")).toBe(false);
  });
});

describe("effectShape(values) and kmeans(points, k)", () => {
  test("a monotone curve has no sign changes and jaggedness 1; a V has non-monotonicity 0.5", () => {
    expect(effectShape([0, 1, 2, 3])).toMatchObject({ signChanges: 0, jaggedness: 1, nonMonotonicity: 0 });
    expect(effectShape([2, 1, 0, 1, 2])).toMatchObject({ signChanges: 1, nonMonotonicity: 0.5, jaggedness: 2 });
  });
  test("k-means separates two distant groups and is reproducible from its seed", () => {
    const pts = [[0, 0], [0.1, 0], [0, 0.1], [5, 5], [5.1, 5], [5, 5.1]];
    const a = kmeans(pts, 2, { seed: 3 }), b = kmeans(pts, 2, { seed: 3 });
    expect(a).toEqual(b);
    expect(new Set(a.assignment.slice(0, 3)).size).toBe(1);
    expect(a.assignment[0]).not.toBe(a.assignment[3]);
    expect(a.sizes.sort()).toEqual([3, 3]);
  });
});

describe("audit of a classifier", () => {
  test("runs every check with log-loss as the per-row error", async () => {
    const y = data.columns.y as Float64Array;
    const labelled = { n: data.n, columns: { ...data.columns, label: Float64Array.from(y, (v) => (v > 0 ? 1 : 0)) } };
    const sig = (z: number) => 1 / (1 + Math.exp(-4 * z));
    const members = [1, 0.8].map((s, k) => closedForm(`p${k}`, FEATURES, (r) => sig(s * truth(r)), { task: "classification" }));
    const report = await audit(members, labelled, { target: "label", sampleRows: 120, interactionRows: 15, prototypes: { rows: 10, background: 20, k: 2 } });
    expect(report.focus).toBe("p0");
    const slice = report.findings.find((f) => f.kind === "error-slice")!;
    expect(slice.title).toMatch(/mean log-loss/);
    expect(slice.detail.lower as number).toBeGreaterThan(slice.detail.overall as number);
    expect(report.findings.some((f) => f.kind === "prototypes")).toBe(true);
  });
});
