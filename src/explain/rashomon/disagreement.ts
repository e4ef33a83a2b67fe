// Where the members of a set disagree: per observation the spread of their predictions, the
// standard deviation, and (classification) whether the predicted class differs — "ambiguity" —
// plus the largest pairwise "discrepancy" (Marx, Calmon & Ustun 2020), the rows of most
// disagreement, and the slices of the data where the spread is highest.
import type { Batch, Predictor } from "../../model/types";
import { ExplainError } from "../errors";
import type { RunOptions } from "../models";
import { predictAll } from "./predictions";
import { searchSlices, type Slice, type SliceSearchOptions } from "./slices";

export interface DisagreementOptions extends RunOptions {
  /** default: the members' task */
  task?: Predictor["task"];
  /** classification: score ≥ threshold is the positive class (default 0.5) */
  threshold?: number;
  /** how many rows of most disagreement to list (default 10) */
  top?: number;
}

export interface Disagreement {
  task: Predictor["task"];
  models: string[];
  /** the features any member reads (the default features to slice on) */
  features: string[];
  n: number;
  /** per row: max − min of the members' predictions */
  spread: number[];
  /** per row: standard deviation of the members' predictions (n − 1) */
  sd: number[];
  /** per row, classification only: the members' predicted classes differ */
  ambiguous?: boolean[];
  /** share of rows that are ambiguous (classification), or whose spread exceeds the threshold option when given (regression) */
  ambiguity: number;
  /** max over pairs of members: share of rows with different decisions (classification) or mean |difference| (regression) */
  discrepancy: number;
  /** the pair attaining the discrepancy */
  discrepancyPair: [string, string];
  /** the rows of largest spread, largest first */
  top: { row: number; spread: number; min: number; max: number }[];
  meanSpread: number;
  /** set when there is nothing to compare (a set of one model): the sentence a view shows instead */
  note?: string;
}

/** A set of one model has no disagreement: zeros, and a sentence saying why (not an error). */
function single(member: Predictor, data: Batch, task: Predictor["task"]): Disagreement {
  const zeros = new Array<number>(data.n).fill(0);
  return {
    task, models: [member.name], features: [...member.features], n: data.n, spread: zeros, sd: zeros.slice(),
    ambiguous: task === "classification" ? new Array<boolean>(data.n).fill(false) : undefined,
    ambiguity: 0, discrepancy: 0, discrepancyPair: [member.name, member.name], top: [], meanSpread: 0,
    note: `one model is within ε (${member.name}): nothing to compare`,
  };
}

export async function disagreement(members: readonly Predictor[], data: Batch, options: DisagreementOptions = {}): Promise<Disagreement> {
  if (members.length === 0) throw new ExplainError("disagreement needs models; got none (is ε so small that the set is empty?)");
  const task = options.task ?? members[0].task;
  if (members.length === 1) return single(members[0], data, task);
  const classification = task === "classification";
  const threshold = options.threshold ?? (classification ? 0.5 : undefined);
  const scores = await predictAll(members, data, options);
  const n = data.n, k = members.length;
  const spread = new Array<number>(n), sdv = new Array<number>(n), lo = new Array<number>(n), hi = new Array<number>(n);
  const ambiguous = classification ? new Array<boolean>(n) : undefined;
  let count = 0, spreadSum = 0;
  for (let i = 0; i < n; i++) {
    let min = Infinity, max = -Infinity, s = 0, positives = 0;
    for (let m = 0; m < k; m++) {
      const v = scores[m][i];
      if (v < min) min = v;
      if (v > max) max = v;
      s += v;
      if (classification && v >= threshold!) positives++;
    }
    const mean = s / k;
    let ss = 0;
    for (let m = 0; m < k; m++) ss += (scores[m][i] - mean) ** 2;
    spread[i] = max - min; sdv[i] = Math.sqrt(ss / (k - 1)); lo[i] = min; hi[i] = max;
    spreadSum += max - min;
    if (ambiguous) ambiguous[i] = positives > 0 && positives < k;
    if (ambiguous ? ambiguous[i] : threshold !== undefined && max - min > threshold) count++;
  }
  let discrepancy = -1, pair: [string, string] = [members[0].name, members[1].name];
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) {
    let d = 0;
    for (let i = 0; i < n; i++) {
      d += classification ? Number((scores[a][i] >= threshold!) !== (scores[b][i] >= threshold!)) : Math.abs(scores[a][i] - scores[b][i]);
    }
    d /= n;
    if (d > discrepancy) { discrepancy = d; pair = [members[a].name, members[b].name]; }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => spread[y] - spread[x] || x - y);
  return {
    task, models: members.map((m) => m.name), features: [...new Set(members.flatMap((m) => m.features))], n, spread, sd: sdv,
    ...(ambiguous ? { ambiguous } : {}),
    ambiguity: count / n, discrepancy, discrepancyPair: pair,
    top: order.slice(0, options.top ?? 10).map((row) => ({ row, spread: spread[row], min: lo[row], max: hi[row] })),
    meanSpread: spreadSum / n,
  };
}

export interface DisagreementSliceOptions extends DisagreementOptions, SliceSearchOptions {}

/** The slices (one or two conditions) whose rows have the highest mean spread, with their support. */
export async function disagreementSlices(
  source: readonly Predictor[] | Disagreement, data: Batch, options: DisagreementSliceOptions = {},
): Promise<Slice[]> {
  const d = Array.isArray(source) ? await disagreement(source as readonly Predictor[], data, options) : (source as Disagreement);
  if (d.n !== data.n) throw new ExplainError(`the disagreement was computed on ${d.n} rows; the data has ${data.n}`);
  if (d.models.length < 2) return []; // one model: no spread to slice
  return searchSlices(data, d.spread, { features: d.features, ...options });
}
