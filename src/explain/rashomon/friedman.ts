// Friedman & Popescu's (2008) H² statistic for a pair of features: the share of the variance of the
// pair's joint partial dependence not explained by the sum of their separate ones. 0 = no
// interaction; near 1 = the joint effect is pure interaction. All partial dependences are computed
// on a sample of rows, from one batched predict call per model.
import type { Batch, Column, Predictor } from "../../model/types";
import { isNumeric, takeRows } from "../batch";
import { checkFeature, checkModelInputs, checkNotEmpty, ExplainError } from "../errors";
import { modelColumns, predictChecked, type RunOptions } from "../models";
import { rng, sampleIndices } from "../random";
import { effectMatrix } from "../effects";
import { featureGrid } from "../grid";
import { engineName, engineOf } from "../trees";

export interface FriedmanOptions extends RunOptions {
  /** rows to sample (default 100; the batch holds 3·rows² rows), or explicit row indices */
  rows?: number | readonly number[];
  seed?: number;
}

export interface FriedmanH {
  a: string;
  b: string;
  /** Σ(PD_ab − PD_a − PD_b)² / Σ PD_ab², all centred; 0 when the joint PD is flat */
  h2: number;
  /** √H² */
  h: number;
  rows: number;
  evaluations: number;
  /** what computed the partial dependences */
  engine: string;
}

/**
 * Rows of the batch: three blocks of m² rows. In block `which`, row i·m + j is sample row j with
 * the features in `moved` taken from sample row i (so the mean over j is PD at row i's values).
 */
function pairBatch(sample: Batch, moved: string[][]): Batch {
  const m = sample.n, total = m * m * moved.length;
  const columns: Record<string, Column> = Object.create(null);
  for (const [name, col] of Object.entries(sample.columns)) {
    const out: any = isNumeric(col) ? new (col.constructor as Float64ArrayConstructor)(total) : new Array(total);
    moved.forEach((set, block) => {
      const fromI = set.includes(name), base = block * m * m;
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out[base + i * m + j] = col[fromI ? i : j];
    });
    columns[name] = out;
  }
  return { n: total, columns };
}

export async function friedmanH(model: Predictor, data: Batch, a: string, b: string, options: FriedmanOptions = {}): Promise<FriedmanH> {
  checkNotEmpty(data);
  checkFeature(data, a);
  checkFeature(data, b);
  if (a === b) throw new ExplainError(`an interaction needs two different features; got \`${a}\` twice`);
  checkModelInputs(model, data);
  const rowsOption = options.rows ?? 100;
  const rows = typeof rowsOption === "number" ? sampleIndices(data.n, rowsOption, rng(options.seed ?? 0)) : Int32Array.from(rowsOption);
  if (rows.some((r) => !(Number.isInteger(r) && r >= 0 && r < data.n))) throw new ExplainError(`rows must be row indices of the data (0 … ${data.n - 1})`);
  const sample = takeRows({ n: data.n, columns: { ...modelColumns(model, data).columns, [a]: data.columns[a], [b]: data.columns[b] } }, rows);
  const m = sample.n;
  // the single-feature PDs at the sample's own values are effect matrices (by the trees where the
  // model has them); the joint PD needs both features moved: one model call on its m² rows
  const engine = await engineOf(model);
  const present = (f: string) => Array.from(sample.columns[f] as ArrayLike<unknown>).every((v) => v !== null && v === v);
  const byTrees = !!engine && engine.index.has(a) && engine.index.has(b) && present(a) && present(b);
  const blocks: Float64Array[] = [];
  if (byTrees) {
    blocks.push(await predictChecked(model, modelColumns(model, pairBatch(sample, [[a, b]])), options));
    for (const f of [a, b]) {
      const grid = featureGrid(f, sample.columns[f], { values: Array.from(sample.columns[f] as ArrayLike<number | string>) });
      const e = await effectMatrix(model, sample, f, grid, Array.from({ length: m }, (_, i) => i), {});
      // scores[j·m + i] is sample row j with f from row i: as pairBatch's i·m + j
      blocks.push(Float64Array.from({ length: m * m }, (_, q) => e.scores[(q % m) * m + Math.floor(q / m)]));
    }
  } else {
    const scores = await predictChecked(model, modelColumns(model, pairBatch(sample, [[a, b], [a], [b]])), options);
    for (let block = 0; block < 3; block++) blocks.push(scores.subarray(block * m * m, (block + 1) * m * m));
  }
  const pd = [0, 1, 2].map((block) => {
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += blocks[block][i * m + j];
      out[i] = s / m;
    }
    // centre each partial dependence on the sample
    const c = out.reduce((x, y) => x + y, 0) / m;
    return out.map((v) => v - c);
  });
  let num = 0, den = 0;
  for (let i = 0; i < m; i++) { num += (pd[0][i] - pd[1][i] - pd[2][i]) ** 2; den += pd[0][i] ** 2; }
  // a flat joint PD (relative to the score scale) carries no interaction
  const h2 = den <= 1e-24 * m ? 0 : num / den;
  options.onProgress?.(1);
  return { a, b, h2, h: Math.sqrt(h2), rows: m, evaluations: 3 * m * m, engine: byTrees ? "trees (single-feature PDs)" : engineName(model, undefined) };
}

/** H² for every pair of `features`, strongest first (one predict call per pair). */
export async function pairwiseH(model: Predictor, data: Batch, features: readonly string[], options: FriedmanOptions = {}): Promise<FriedmanH[]> {
  const out: FriedmanH[] = [];
  for (let x = 0; x < features.length; x++) for (let y = x + 1; y < features.length; y++) {
    out.push(await friedmanH(model, data, features[x], features[y], { ...options, onProgress: undefined }));
  }
  options.onProgress?.(1);
  return out.sort((p, q) => q.h2 - p.h2);
}
