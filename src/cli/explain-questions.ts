// `crossexam explain --kind counterfactual|threshold`: the next questions from the command line.
//   counterfactual --row I [--class K | --target-range a,b] [--fixed a,b] [--increase a,b] [--decrease a,b] [--k N]
//   threshold      --target COL [--threshold t] [--cost-fp a] [--cost-fn b] [--group-by COL]
import { counterfactuals, thresholds, type Explanation } from "../explain/index";
import type { Batch, OnnxPredictor } from "../model/index";
import { splitList } from "./model-args";

export const QUESTION_OPTIONS = {
  "target-range": { type: "string" }, fixed: { type: "string" }, increase: { type: "string" }, decrease: { type: "string" },
  k: { type: "string" }, threshold: { type: "string" }, "cost-fp": { type: "string" }, "cost-fn": { type: "string" },
  "group-by": { type: "string" },
} as const;

export const QUESTION_USAGE =
  "  --kind counterfactual --row I [--class K | --target-range a,b] [--fixed a,b] [--increase a,b] [--decrease a,b] [--k N]\n" +
  "  --kind threshold --target COL [--threshold t] [--cost-fp a] [--cost-fn b] [--group-by COL]\n";

type Values = Partial<Record<keyof typeof QUESTION_OPTIONS | "target" | "class", string | undefined>>;

function number(values: Values, name: keyof typeof QUESTION_OPTIONS): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  const x = Number(text);
  if (text.trim() === "" || !Number.isFinite(x)) throw new Error(`--${name} must be a number, not \`${text}\``);
  return x;
}

function range(text: string | undefined): [number, number] | undefined {
  if (text === undefined) return undefined;
  const parts = (splitList(text) ?? []).map(Number);
  if (parts.length !== 2 || !parts.every(Number.isFinite) || parts[0] > parts[1]) {
    throw new Error(`--target-range must be two numbers a,b with a ≤ b, not \`${text}\``);
  }
  return [parts[0], parts[1]];
}

export async function explainQuestion(
  kind: "counterfactual" | "threshold", values: Values, model: OnnxPredictor, full: Batch, row: number | undefined,
): Promise<Explanation> {
  if (kind === "threshold") {
    return thresholds(model, full, {
      target: values.target!, threshold: number(values, "threshold"),
      costs: { fp: number(values, "cost-fp") ?? 1, fn: number(values, "cost-fn") ?? 1 },
      groupBy: values["group-by"],
    });
  }
  if (values.class !== undefined && values["target-range"] !== undefined) throw new Error("give --class or --target-range, not both");
  const k = number(values, "k");
  if (k !== undefined && !(Number.isInteger(k) && k >= 1)) throw new Error(`--k must be a whole number ≥ 1, not \`${values.k}\``);
  const directions: Record<string, "increase" | "decrease"> = Object.create(null);
  for (const f of splitList(values.increase) ?? []) directions[f] = "increase";
  for (const f of splitList(values.decrease) ?? []) directions[f] = "decrease";
  return counterfactuals(model, full, {
    row: row!, range: range(values["target-range"]), class: values.class,
    fixed: splitList(values.fixed), directions, k,
  });
}
