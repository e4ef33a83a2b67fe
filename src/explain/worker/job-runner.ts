// The worker's side of the protocol, independent of the host: keeps the models it has loaded
// (by key), runs one explainer per job with an AbortController of its own, and posts progress
// and the result or error. Several jobs may be in flight; their predictions interleave.
import { instanceThreads, loadModel, type OnnxPredictor } from "../../model/index";
import type { Batch, PredictOptions, Predictor } from "../../model/types";
import { ale } from "../ale";
import { breakdown } from "../breakdown";
import { checkModelInputs, checkNotEmpty, ExplainError } from "../errors";
import { importance } from "../importance";
import { ice } from "../ice";
import { effects, pdp } from "../pdp";
import { modelColumns, perModel, predictChecked, type RunOptions } from "../models";
import { modelPerformance } from "../performance";
import { residuals } from "../residuals";
import { shap } from "../shap";
import {
  errorValue, FEATURE_KINDS, resultTransfer,
  type FromWorker, type JobMessage, type ModelMessage, type SessionSettings, type ToWorker, type WorkerKind,
} from "./protocol";

export type Post = (message: FromWorker, transfer?: ArrayBuffer[]) => void;

type Explainer = (models: any, data: Batch, ...rest: any[]) => Promise<unknown>;
/** Each model's scores on the batch, checked as the explainers check them (same values as `model.predict`). */
function predict(models: Predictor | Predictor[], data: Batch, options: RunOptions): Promise<unknown> {
  return perModel(models, options, (model, run) => {
    checkNotEmpty(data);
    checkModelInputs(model, data);
    return predictChecked(model, modelColumns(model, data), run);
  });
}

const EXPLAINERS: Record<WorkerKind, Explainer> = {
  modelPerformance, residuals, importance, pdp, ice, effects, ale, shap, breakdown, predict,
};

/** Resolves on the next turn of the event loop, so that an abort message queued meanwhile is read. */
function nextTask(): Promise<void> {
  if (typeof setImmediate === "function") return new Promise((r) => setImmediate(r));
  return new Promise((r) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { channel.port1.close(); r(); };
    channel.port2.postMessage(null);
  });
}

interface Job {
  controller: AbortController;
  flag?: Int32Array;
  evaluated: number;
  progress: number;
}

/**
 * A predictor that yields to the event loop before each prediction (abort messages arrive
 * between an explainer's predict calls), stops between chunks when the shared abort flag is set,
 * and counts the rows it sends. Everything else (trees for TreeSHAP, card, …) is the original's.
 */
function watched(model: OnnxPredictor, job: Job): Predictor {
  const check = () => {
    if (job.flag && Atomics.load(job.flag, 0) === 1 && !job.controller.signal.aborted) job.controller.abort();
  };
  const predict = async (batch: Batch, options: PredictOptions = {}) => {
    await nextTask();
    check();
    if (job.controller.signal.aborted) throw new DOMException("aborted", "AbortError");
    const report = options.onProgress;
    const before = job.evaluated;
    // rows scored so far, chunk by chunk (an aborted call counts the chunks it finished)
    const onProgress = (f: number) => { job.evaluated = before + Math.round(f * batch.n); check(); report?.(f); };
    const scores = await model.predict(batch, { ...options, onProgress });
    job.evaluated = before + batch.n;
    return scores;
  };
  return Object.assign(Object.create(model) as Predictor, { predict });
}

export class JobRunner {
  private readonly models = new Map<string, Promise<OnnxPredictor>>();
  private readonly jobs = new Map<number, Job>();

  constructor(private readonly post: Post) {}

  /** Handle one message from the client. */
  receive(message: ToWorker): void {
    if ("abort" in message) {
      this.jobs.get(message.id)?.controller.abort();
      return;
    }
    // models are registered synchronously, so a later job naming only the key finds them
    const loading = message.models.map((m) => this.model(m, message.session));
    void this.run(message, loading);
  }

  /** The number of models loaded (or loading). */
  get modelCount(): number {
    return this.models.size;
  }

  private model(m: ModelMessage, session: SessionSettings | undefined): Promise<OnnxPredictor> {
    let model = this.models.get(m.key);
    if (model) return model;
    if (!m.bytes && !m.url) {
      return Promise.reject(new ExplainError(`the worker has not loaded model \`${m.name}\` and was not sent its file`));
    }
    model = loadModel(m.bytes ? new Uint8Array(m.bytes) : m.url!, {
      name: m.name, card: m.card, class: m.class, features: m.features, output: m.output, chunkSize: m.chunkSize, allowMissing: m.allowMissing,
      numThreads: session?.numThreads, wasmPaths: session?.wasmPaths,
    });
    this.models.set(m.key, model);
    model.catch(() => this.models.delete(m.key));
    return model;
  }

  private async run(message: JobMessage, loading: Promise<OnnxPredictor>[]): Promise<void> {
    const { id } = message;
    const job: Job = { controller: new AbortController(), flag: message.abortFlag, evaluated: 0, progress: 0 };
    this.jobs.set(id, job);
    const signal = job.controller.signal;
    let posted = -1;
    const onProgress = (f: number) => {
      job.progress = f;
      // a message per half percent at most: progress bars need no more
      if (f >= 1 || f - posted >= 0.005) {
        posted = f;
        this.post({ id, progress: f });
      }
    };
    try {
      const loaded = await Promise.all(loading);
      const models = loaded.map((m) => watched(m, job));
      const target = message.many ? models : models[0];
      const options = { ...message.options, signal, onProgress };
      const explain = EXPLAINERS[message.kind];
      const started = globalThis.performance.now();
      if (!explain) throw new ExplainError(`unknown explanation kind \`${message.kind}\``);
      const result = FEATURE_KINDS.has(message.kind)
        ? await explain(target, message.data, message.feature, options)
        : await explain(target, message.data, options);
      if (signal.aborted) throw new DOMException("aborted", "AbortError");
      const ms = globalThis.performance.now() - started;
      this.post({ id, result, evaluated: job.evaluated, threads: await instanceThreads(), ms }, resultTransfer(result));
    } catch (e) {
      const error = signal.aborted ? { name: "AbortError", message: "explanation aborted in the worker" } : errorValue(e);
      this.post({ id, error, evaluated: job.evaluated, progress: job.progress });
    } finally {
      this.jobs.delete(id);
    }
  }
}
