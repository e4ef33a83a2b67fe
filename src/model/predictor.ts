// Loading an ONNX model as a `Predictor`: bytes → (ZipMap rewrite) → session; table columns →
// input tensors (input-mapping.ts); output tensors → one score per row, predicted in chunks,
// cancellable, with progress, and cached per batch.
import type * as Ort from "onnxruntime-web";
import { parseCard, type ModelCard } from "./card";
import { describeModel, type ModelDescription } from "./describe";
import { checkColumns, encodeInputs, planInputs, type InputPlan } from "./input-mapping";
import { decodeModel, rewriteZipMap } from "./onnx-graph";
import { createSession, loadOrt, runExclusive, readModelBytes, type ModelSource, type SessionOptions } from "./onnx-session";
import { PredictionCache } from "./prediction-cache";
import { probeProbabilities } from "./probability-probe";
import { directTreeEnsemble, encodeForTrees } from "./tree-access";
import { buildTreeEngine, type TreeEngineStatus } from "./tree-engine-check";
import type { Batch, PredictOptions, Predictor, TreeEnsemble } from "./types";

export interface LoadOptions extends SessionOptions {
  /** the model card (object, or a path/URL to its JSON) */
  card?: ModelCard | string;
  /** the class whose probability is the score (label as in the file or card); default: the card's positive class, else the last class of a binary model */
  class?: string | number;
  /** a label for results and legends; default: card name, else file name */
  name?: string;
  /** feature names in the model's input order, for a single [N, p] input without a card */
  features?: string[];
  /** rows per session run (default 10,000) */
  chunkSize?: number;
  /** "score" (probability or value, the default) or "label" (index of the predicted class) */
  output?: "score" | "label";
  /** feed missing and non-finite values to float inputs as NaN where no card fills them (default: refuse them, naming the rows) */
  allowMissing?: boolean;
}

export interface ModelPredictOptions extends PredictOptions {
  /** a data version: bump it when the batch's columns were changed in place */
  version?: string | number;
}

export interface OnnxPredictor extends Predictor {
  readonly session: Ort.InferenceSession;
  /** class labels in probability-column order (the card's names when it gives them) */
  readonly classes?: (string | number)[];
  /** the column of the chosen class */
  readonly classIndex?: number;
  /**
   * The same model scoring class `c` (a label as in `classes`): one session, a predictor per class,
   * made once. A regressor throws; an unknown class throws naming the classes.
   */
  forClass(c: string | number): OnnxPredictor;
  readonly card?: ModelCard;
  readonly plan: InputPlan;
  /** how many times the session has run (cache hits do not run it) */
  readonly runs: number;
  predict(batch: Batch, options?: ModelPredictOptions): Promise<Float64Array>;
  describe(): ModelDescription;
  /** the trees, when they read the model input directly (exact TreeSHAP); undefined otherwise */
  treeEnsemble(): TreeEnsemble | undefined;
  /** a batch as the trees see it (category codes, training-time fills, float32) */
  encodeForTrees(batch: Batch): Batch;
  /** the trees as flat arrays with a fast walk, checked against onnxruntime once; or why there is none */
  treeEngine(): Promise<TreeEngineStatus>;
  dispose(): Promise<void>;
}

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason;
  if (reason instanceof Error && reason.name === "AbortError") return reason;
  return new DOMException("prediction aborted", "AbortError");
}

async function resolveCard(card: ModelCard | string | undefined): Promise<ModelCard | undefined> {
  if (card === undefined) return undefined;
  if (typeof card !== "string") return parseCard(card);
  const bytes = await readModelBytes(card);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new Error(`model card \`${card}\` is not valid JSON: ${(e as Error).message}`);
  }
  return parseCard(json, `model card \`${card}\``);
}

function baseName(source: ModelSource): string | undefined {
  if (typeof source !== "string" && !(source instanceof URL)) return undefined;
  const s = String(source).split(/[\\/]/).pop() ?? "";
  return s.replace(/\.onnx$/i, "") || undefined;
}

/** Choose the probability column: the requested class, the card's positive class, or the last of two. */
function chooseClass(description: ModelDescription, card: ModelCard | undefined, requested: string | number | undefined) {
  const fileClasses = description.classes!;
  const names = card?.classes && card.classes.length === fileClasses.length ? card.classes : fileClasses;
  const wanted = requested ?? card?.positive_class;
  if (wanted === undefined) {
    if (fileClasses.length === 2) return { classes: names, index: 1 };
    throw new Error(`the model has ${names.length} classes (${names.join(", ")}): choose the one to score with \`class\``);
  }
  let index = names.findIndex((c) => String(c) === String(wanted));
  if (index < 0) index = fileClasses.findIndex((c) => String(c) === String(wanted));
  if (index < 0) {
    const from = description.probabilitiesFrom === "rows summing to 1"
      ? `output \`${description.scoreOutput}\`, whose rows sum to 1` : `${description.probabilitiesFrom} output`;
    const why = description.probabilitiesFrom
      ? `; the file names no classes, so they are the columns of its ${from}, 0…${names.length - 1}`
      : "";
    throw new Error(`class \`${wanted}\` is not one of the model's classes (${names.join(", ")})${why}`);
  }
  return { classes: names, index };
}

/** The description, with classes 0…K−1 when an unlabeled [N, K] output holds probabilities on a probe sample. */
async function withProbedClasses(ort: typeof Ort, session: Ort.InferenceSession, d: ModelDescription): Promise<ModelDescription> {
  const k = await probeProbabilities(ort, session, d);
  if (k === undefined) return d;
  return { ...d, kind: k === 2 ? "binary" : "multiclass", classes: Array.from({ length: k }, (_, i) => i), probabilitiesFrom: "rows summing to 1" };
}

/** Load an ONNX model (path, URL or bytes) as a Predictor. */
export async function loadModel(source: ModelSource, options: LoadOptions = {}): Promise<OnnxPredictor> {
  const card = await resolveCard(options.card);
  const original = await readModelBytes(source);
  const model = decodeModel(original);
  const described = describeModel(model);
  const { bytes } = rewriteZipMap(original, model);
  if (described.problems.length) throw new Error(`this file cannot be run: ${described.problems.join("; ")}`);
  const plan = planInputs(described.inputs, { card, features: options.features, fileFeatures: described.featureNames, allowMissing: options.allowMissing });
  const ort = await loadOrt();
  const session = await createSession(bytes, options);
  let description: ModelDescription, chosen: ReturnType<typeof chooseClass> | undefined;
  try {
    description = await withProbedClasses(ort, session, described);
    if (!description.classes && options.class !== undefined && options.class !== null && options.class !== "") {
      throw new Error(
        `\`class\` ${JSON.stringify(options.class)} was given, but the model is a regressor (its output \`${description.scoreOutput}\` ` +
          "names no classes, comes from no Softmax or Sigmoid, and its rows do not sum to 1): leave `class` out",
      );
    }
    chosen = description.classes ? chooseClass(description, card, options.class) : undefined;
    if (options.output === "label" && !chosen) throw new Error("`output: \"label\"` needs a classifier; this model is a regressor");
  } catch (e) {
    await runExclusive(() => session.release());
    throw e;
  }
  const singleColumn = !!description.singleColumn;
  const wantLabel = options.output === "label";
  const chunkSize = Math.max(1, options.chunkSize ?? 10_000);
  const outputName = description.scoreOutput;
  let runs = 0;
  const name = options.name ?? card?.name ?? baseName(source) ?? "model";
  let disposed = false;

  // a predictor scoring one class; `forClass` binds another to the same session (its own cache and trees)
  const bind = (chosen: ReturnType<typeof chooseClass> | undefined): OnnxPredictor => {
    const cache = new PredictionCache();
    // one chunk through the session, queued behind every other onnxruntime run (see runExclusive)
    const runChunk = (batch: Batch, start: number, end: number, out: Float64Array) =>
      runExclusive(async () => {
        const feeds: Record<string, Ort.Tensor> = {};
        for (const e of encodeInputs(plan, batch, start, end)) feeds[e.name] = new ort.Tensor(e.type as "float32", e.data as Float32Array, e.dims);
        runs++;
        const result = await session.run(feeds, [outputName]);
        const tensor = result[outputName];
        const data = tensor.data as ArrayLike<number>;
        const n = end - start;
        if (chosen) {
          const k = tensor.dims.length > 1 ? tensor.dims[1] : 1;
          if (singleColumn) {
            // one column holds P(class 1); class 0 is its complement
            for (let r = 0; r < n; r++) {
              const p1 = Number(data[r * k]);
              out[start + r] = wantLabel ? (p1 > 0.5 ? 1 : 0) : chosen.index === 1 ? p1 : 1 - p1;
            }
          } else if (wantLabel) {
            // index of the most probable class
            for (let r = 0; r < n; r++) {
              let best = 0;
              for (let c = 1; c < k; c++) if (data[r * k + c] > data[r * k + best]) best = c;
              out[start + r] = best;
            }
          } else {
            const c = chosen.index;
            for (let r = 0; r < n; r++) out[start + r] = data[r * k + c];
          }
        } else {
          const k = tensor.dims.length > 1 ? tensor.dims[1] : 1;
          for (let r = 0; r < n; r++) out[start + r] = Number(data[r * k]);
        }
        tensor.dispose?.();
      });

    const predictAll = async (batch: Batch, options: ModelPredictOptions): Promise<Float64Array> => {
      const { signal, onProgress } = options;
      checkColumns(plan, batch);
      const out = new Float64Array(batch.n);
      for (let start = 0; start < batch.n; start += chunkSize) {
        if (signal?.aborted) throw abortError(signal);
        const end = Math.min(batch.n, start + chunkSize);
        await runChunk(batch, start, end, out);
        onProgress?.(end / batch.n);
      }
      if (batch.n === 0) onProgress?.(1);
      return out;
    };

    let trees: TreeEnsemble | undefined | null = null; // null: not read yet
    let engine: Promise<TreeEngineStatus> | undefined;
    // onnxruntime's score column for rows already encoded as the (single) input tensor: the engine's check
    const runTensor = (x: Float32Array, n: number) => runExclusive(async () => {
      const input = plan.bindings[0];
      const result = await session.run({ [input.name]: new ort.Tensor("float32", x, [n, input.features.length]) }, [outputName]);
      const tensor = result[outputName];
      const data = tensor.data as ArrayLike<number>, k = tensor.dims.length > 1 ? tensor.dims[1] : 1, c = chosen?.index ?? 0;
      const out = Float64Array.from({ length: n }, (_, r) => Number(data[r * k + c]));
      tensor.dispose?.();
      return out;
    });
    const self: OnnxPredictor = {
      name,
      features: plan.features,
      task: chosen ? "classification" : "regression",
      positiveClass: chosen ? chosen.classes[chosen.index] : undefined,
      classes: chosen?.classes,
      classIndex: chosen?.index,
      forClass(c: string | number) {
        if (!chosen) throw new Error(`model \`${name}\` is a regressor: it has no classes to choose from`);
        const other = chooseClass(description, card, c);
        return (byClass[other.index] ??= bind(other));
      },
      card,
      plan,
      session,
      get runs() { return runs; },
      predict(batch: Batch, options: ModelPredictOptions = {}) {
        if (disposed) return Promise.reject(new Error(`model \`${name}\` was disposed`));
        if (options.signal?.aborted) return Promise.reject(abortError(options.signal));
        const compute = () => predictAll(batch, options);
        return cache.get(batch, options.version, compute).catch((e) => {
          // another caller's abort must not fail this call: the aborted entry is gone, compute afresh
          if ((e as Error)?.name === "AbortError" && !options.signal?.aborted) return cache.get(batch, options.version, compute);
          throw e;
        });
      },
      describe: () => description,
      treeEnsemble() {
        if (trees === null) trees = directTreeEnsemble(model, plan, chosen?.index);
        return trees;
      },
      encodeForTrees: (batch: Batch) => encodeForTrees(plan, batch),
      treeEngine() {
        engine ??= buildTreeEngine({
          plan, hasTrees: model.graph!.node.some((n) => /^TreeEnsemble/.test(n.op_type ?? "")), output: wantLabel ? "label" : "score", column: chosen?.index ?? 0, columns: chosen?.classes.length ?? 1,
          ensembleOf: (c) => directTreeEnsemble(model, plan, chosen ? c : undefined), runTensor,
        });
        return engine;
      },
      // (every class's predictor shares the session: disposing one disposes them all)
      async dispose() {
        if (disposed) return;
        disposed = true;
        cache.clear();
        // released in turn, after the runs already queued
        await runExclusive(() => session.release());
      },
    };
    if (chosen) byClass[chosen.index] = self;
    return self;
  };
  const byClass: OnnxPredictor[] = [];
  return bind(chosen);
}
