// Where a model came from, so a worker can re-create it. An OnnxPredictor keeps its session and
// card but not its file, so `loadModel` here wraps the model layer's loader and remembers the
// bytes and load options beside the predictor (in a WeakMap: nothing is added to the predictor).
import { loadModel as loadOnnxModel, readModelBytes, type LoadOptions, type ModelSource, type OnnxPredictor } from "../../model/index";
import type { Predictor } from "../../model/types";
import { ExplainError } from "../errors";
import type { ModelSpec } from "./protocol";

const sources = new WeakMap<object, ModelSpec>();
const keys = new WeakMap<object, Promise<string>>();

/** Record how `model` can be re-created (for predictors loaded elsewhere, e.g. by a cell's loadModel). */
export function rememberModelSource(model: Predictor, spec: Omit<ModelSpec, "name"> & { name?: string }): void {
  sources.set(model, { ...spec, name: spec.name ?? model.name });
}

/** How `model` can be re-created in a worker, or undefined when nobody recorded it. */
export function modelSourceOf(model: Predictor): ModelSpec | undefined {
  return sources.get(model);
}

function baseName(source: ModelSource): string | undefined {
  if (typeof source !== "string" && !(source instanceof URL)) return undefined;
  const s = String(source).split(/[\\/]/).pop() ?? "";
  return s.replace(/\.onnx$/i, "") || undefined;
}

/**
 * Load an ONNX model as the model layer does, keeping its bytes and options so that
 * `explainInWorker` can send it to a worker. Same arguments and result as `loadModel`.
 */
export async function loadModel(source: ModelSource, options: LoadOptions = {}): Promise<OnnxPredictor> {
  const bytes = await readModelBytes(source);
  const predictor = await loadOnnxModel(bytes, { ...options, name: options.name ?? cardName(options.card) ?? baseName(source) });
  rememberModelSource(predictor, {
    name: predictor.name, bytes, card: predictor.card, class: options.class,
    features: options.features, output: options.output, chunkSize: options.chunkSize, allowMissing: options.allowMissing,
  });
  return predictor;
}

function cardName(card: LoadOptions["card"]): string | undefined {
  return card && typeof card === "object" ? card.name : undefined;
}

/** A model as a worker job takes it: a predictor whose source is known, or a spec itself. */
export type WorkerModel = Predictor | ModelSpec;

function isSpec(m: WorkerModel): m is ModelSpec {
  return typeof (m as Predictor).predict !== "function";
}

/** The spec of a model given to a worker job, with an error a user can act on when there is none. */
export function specOf(model: WorkerModel): ModelSpec {
  if (isSpec(model)) {
    if (!model.bytes && !model.url) throw new ExplainError(`model \`${model.name}\` has neither \`bytes\` nor \`url\`; a worker cannot load it`);
    return model;
  }
  const spec = sources.get(model);
  if (!spec) {
    throw new ExplainError(
      `model \`${model.name}\` cannot be sent to a worker: its ONNX file was not kept. Load it with the worker's \`loadModel\` ` +
      `(crossexam.worker.loadModel), or pass {name, bytes | url, card} instead of the predictor`,
    );
  }
  return spec;
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A worker-side cache key: the content hash of the bytes (or the URL) and every load option. */
export function modelKey(model: WorkerModel): Promise<string> {
  const spec = specOf(model);
  const holder = isSpec(model) ? spec : model;
  let key = keys.get(holder);
  if (!key) {
    key = (async () => {
      const { bytes, ...rest } = spec;
      const content = bytes ? "sha256:" + hex(await globalThis.crypto.subtle.digest("SHA-256", bytes.slice())) : "url:" + spec.url;
      return `${content}|${JSON.stringify(rest)}`;
    })();
    keys.set(holder, key);
  }
  return key;
}
