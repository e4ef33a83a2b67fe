// The grid's engine, without DOM: holds the selection, decides which panels a change touches,
// runs each panel with its own AbortController (a newer run aborts the older one) and reports
// each panel's state (progress, drawn element, error) to whoever draws the grid.
import type { Batch } from "../../model/types";
import { defaultExplainers, PANELS, type Explainers, type ExplorerInputs, type PanelSpec } from "./panels";
import { spreadOverWorkers } from "./panel-workers";
import { affectedPanels, editValue, selectFeature, selectRow, type Selection } from "./selection";

export interface PanelState {
  spec: PanelSpec;
  status: "idle" | "running" | "done" | "error";
  progress: number;
  element?: Element;
  error?: string;
  /** how many times this panel has started computing */
  runs: number;
}

export interface PanelGridOptions extends ExplorerInputs {
  row: number;
  panels?: readonly PanelSpec[];
  explainers?: Partial<Explainers>;
  /** width of each plot in px */
  width?: number;
  /** called whenever a panel's state or the selection changes */
  onChange?: () => void;
  /** the first feature is only a placeholder: select the most important one once importance is known */
  featureFromImportance?: boolean;
  /** rows of the table `data` is a sample of: sampled results then carry standard errors relative to it */
  population?: number;
  /** run the heaviest independent panel in the explanation worker where one can take it (default true) */
  workers?: boolean;
}

export class PanelGrid {
  readonly states: Map<string, PanelState>;
  private selectionNow: Selection | undefined;
  private readonly controllers = new Map<string, AbortController>();
  private readonly explainers: Explainers;
  private readonly pending = new Map<string, Promise<void>>();
  /** on a sample: the largest standard error each sampled panel reported (e.g. "PD" → 0.012) */
  readonly samplingErrors = new Map<string, number>();
  private disposed = false;
  /** a feature was chosen (by the caller or a click): importance no longer moves the selection */
  private chosen: boolean;

  constructor(private readonly options: PanelGridOptions) {
    const explainers = { ...defaultExplainers, ...options.explainers };
    this.explainers = options.workers === false ? explainers : spreadOverWorkers(explainers, new Set(Object.keys(options.explainers ?? {})));
    this.chosen = !options.featureFromImportance;
    this.states = new Map((options.panels ?? PANELS).map((spec) => [spec.id, { spec, status: "idle", progress: 0, runs: 0 }]));
    const first: Selection = { feature: options.feature, row: options.row, edits: {} };
    this.apply(first);
  }

  get selection(): Selection {
    return this.selectionNow!;
  }

  /** The selected row with its edits applied, as a record of feature values. */
  observation(): Record<string, unknown> {
    const { data } = this.options;
    const s = this.selection;
    const record: Record<string, unknown> = Object.create(null);
    for (const [name, col] of Object.entries(data.columns)) record[name] = col[s.row];
    return { ...record, ...s.edits };
  }

  /** The row's own (unedited) value of `feature`. */
  original(feature: string): unknown {
    return this.options.data.columns[feature]?.[this.selection.row];
  }

  selectFeature(feature: string): void {
    this.chosen = true;
    this.apply(selectFeature(this.selection, feature, this.options.features));
  }

  selectRow(row: number): void {
    this.apply(selectRow(this.selection, row, this.options.data.n));
  }

  edit(feature: string, value: number | string | null): void {
    this.apply(editValue(this.selection, feature, value, this.original(feature)));
  }

  /** Resolves when every panel started so far has finished (done, failed or aborted). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending.values()]);
  }

  /** Aborts all work; the grid is not used afterwards. */
  dispose(): void {
    this.disposed = true;
    for (const c of this.controllers.values()) c.abort(new DOMException("the panel grid was disposed", "AbortError"));
  }

  private apply(next: Selection): void {
    const prev = this.selectionNow;
    if (prev === next) return;
    this.selectionNow = next;
    const specs = [...this.states.values()].map((s) => s.spec);
    for (const spec of affectedPanels(specs, prev, next)) this.start(spec);
    this.options.onChange?.();
  }

  private start(spec: PanelSpec): void {
    this.controllers.get(spec.id)?.abort(new DOMException("superseded by a newer selection", "AbortError"));
    const controller = new AbortController();
    this.controllers.set(spec.id, controller);
    const state = this.states.get(spec.id)!;
    state.status = "running";
    state.progress = 0;
    const work = this.compute(spec, controller.signal).finally(() => {
      if (this.pending.get(spec.id) === work) this.pending.delete(spec.id);
    });
    this.pending.set(spec.id, work);
  }

  private async compute(spec: PanelSpec, signal: AbortSignal): Promise<void> {
    // yield first: a burst of edits (a dragged slider) aborts all but the last before any work starts
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (signal.aborted || this.disposed) return;
    const state = this.states.get(spec.id)!;
    state.runs++;
    const observation = this.observation();
    const { models, data, target, positiveClass, features } = this.options;
    try {
      const element = await spec.run({
        models, data, target, positiveClass, features,
        feature: this.selection.feature, row: this.selection.row,
        observation, observationBatch: oneRow(data, observation),
        explainers: this.explainers, signal, width: this.options.width ?? 420, population: this.options.population,
        onSampling: (what, se) => { if (!signal.aborted) this.samplingErrors.set(what, se); },
        onRanking: (ranked) => {
          // the default feature is the most important one (of the first model), unless one was chosen
          if (this.chosen || !ranked.length) return;
          this.chosen = true;
          if (ranked[0] !== this.selection.feature) queueMicrotask(() => this.apply(selectFeature(this.selection, ranked[0], this.options.features)));
        },
        onProgress: (f) => {
          if (signal.aborted) return;
          state.progress = f;
          this.options.onChange?.();
        },
      });
      if (signal.aborted) return;
      Object.assign(state, { status: "done", progress: 1, element, error: undefined });
    } catch (e) {
      if (signal.aborted) return;
      Object.assign(state, { status: "error", error: e instanceof Error ? e.message : String(e) });
    }
    this.options.onChange?.();
  }
}

/** A record as a one-row batch with the same column kinds as `like`. */
export function oneRow(like: Batch, record: Record<string, unknown>): Batch {
  const columns: Record<string, Batch["columns"][string]> = Object.create(null);
  for (const [name, col] of Object.entries(like.columns)) {
    const v = record[name];
    if (col instanceof Float64Array || col instanceof Float32Array) columns[name] = Float64Array.of(v === null || v === undefined || v === "" ? NaN : Number(v));
    else columns[name] = [v === undefined ? null : (v as string | number | boolean | null)];
  }
  return { n: 1, columns };
}
