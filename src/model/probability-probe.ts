// The last way a file without class labels can show that its scores are class probabilities, when no
// Softmax or Sigmoid node says so (a softmax written out as Exp / ReduceSum / Div, say): every row of its
// [N, K] output lies in [0, 1] and sums to 1, on a seeded sample of made-up inputs. A regressor with K
// outputs does not do that by accident. Only numeric [N, p] inputs are probed; others are left as they are.
import type * as Ort from "onnxruntime-web";
import type { ModelDescription } from "./describe";
import { runExclusive } from "./onnx-session";

const ROWS = 16;
const SUM_TOLERANCE = 1e-4;

/** The number of classes K when the unlabeled [N, K] score output holds probabilities on the probe; else undefined. */
export async function probeProbabilities(
  ort: typeof Ort, session: Ort.InferenceSession, d: ModelDescription,
): Promise<number | undefined> {
  if (d.classes) return undefined;
  const out = d.outputs.find((o) => o.name === d.scoreOutput);
  const k = out?.shape.length === 2 ? out.shape[1] : undefined;
  if (typeof k !== "number" || k < 2 || !(out!.type === "float32" || out!.type === "float64")) return undefined;
  if (!d.inputs.every((i) => i.type === "float32" && i.shape.length === 2 && typeof i.shape[1] === "number")) return undefined;
  // a fixed linear congruential sequence in [-2, 2): the same probe every time
  let state = 12345;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32) * 4 - 2;
  const feeds: Record<string, Ort.Tensor> = {};
  for (const i of d.inputs) {
    const p = i.shape[1] as number;
    feeds[i.name] = new ort.Tensor("float32", Float32Array.from({ length: ROWS * p }, next), [ROWS, p]);
  }
  let data: ArrayLike<number>;
  try {
    const result = await runExclusive(() => session.run(feeds, [d.scoreOutput]));
    data = result[d.scoreOutput].data as ArrayLike<number>;
  } catch {
    return undefined; // the probe is only a probe: a model that rejects made-up rows is left a regressor
  }
  for (let r = 0; r < ROWS; r++) {
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const v = Number(data[r * k + c]);
      if (!(v >= -1e-6 && v <= 1 + 1e-6)) return undefined;
      sum += v;
    }
    if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) return undefined;
  }
  return k;
}
