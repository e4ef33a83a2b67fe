// The grid's engine, without DOM: holds the selection, decides which panels a change touches,
// runs each panel with its own AbortController (a newer run aborts the older one) and reports
// each panel's state (progress, drawn element, error) to whoever draws the grid.
import type { Batch, Predictor } from "../../model/types";
import { defaultExplainers, PANELS, type Explainers, type ExplorerInputs, type PanelSpec } from "./panels";
import { spreadOverWorkers } from "./panel-workers";
import { scalesFor, type Scale } from "./scale";
import { affectedPanels, editValue, selectClass, selectFeature, selectRow, selectScale, type Selection } from "./selection";

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
  /** the row selected first, as an index into the whole table (see `rows`) */
  row: number;
  /** rows of the whole table the observation may come from (default: `data.n`, when `data` is the table) */
  rows?: number;
  /** a row of the whole table as a record of its columns (default: read from `data`) */
  recordOf?: (row: number) => Record<string, unknown>;
  /** the position of a table row in `data` (a sample), or −1 when the sample does not hold it (default: the row) */
  positionOf?: (row: number) => number;
  /** the classes one may switch between (a classifier's), with the models scoring each */
  classes?: readonly (string | number)[];
  modelsFor?: (klass: string | number) => readonly Predictor[];
  /** the scale of the local explanations first shown (default: the first of `scalesFor(models)`) */
  scale?: Scale;
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
    this.scales = scalesFor(options.models);
    const klass = options.classes?.length ? options.positiveClass : undefined;
    const scale = options.scale && this.scales.includes(options.scale) ? options.scale : this.scales[0];
    const first: Selection = { feature: options.feature, row: options.row, edits: {}, ...(klass !== undefined ? { klass } : {}), scale };
    this.apply(first);
  }

  /** The scales the local explanations can be shown in (both for classifiers). */
  readonly scales: Scale[];

  /** Rows of the whole table (the observation may be any of them). */
  get rows(): number {
    return this.options.rows ?? this.options.data.n;
  }

  /** The models as they score the selected class. */
  models(): readonly Predictor[] {
    const k = this.selection.klass;
    return k !== undefined && this.options.modelsFor ? this.options.modelsFor(k) : this.options.models;
  }

  /** The class the scores are of (the selected one, else the models'). */
  positiveClass(): string | number | undefined {
    return this.selection.klass ?? this.options.positiveClass;
  }

  get selection(): Selection {
    return this.selectionNow!;
  }

  /** The selected row with its edits applied, as a record of feature values. */
  observation(): Record<string, unknown> {
    return { ...this.record(this.selection.row), ...this.selection.edits };
  }

  /** The row's own (unedited) value of `feature`. */
  original(feature: string): unknown {
    return this.record(this.selection.row)[feature];
  }

  /** A row of the whole table, with the columns of `data`. */
  private record(row: number): Record<string, unknown> {
    const { data, recordOf } = this.options;
    const record: Record<string, unknown> = Object.create(null);
    const whole = recordOf?.(row);
    for (const [name, col] of Object.entries(data.columns)) record[name] = whole ? whole[name] : col[row];
    return record;
  }

  selectFeature(feature: string): void {
    this.chosen = true;
    this.apply(selectFeature(this.selection, feature, this.options.features));
  }

  /** Select a row of the whole table (an index; the box counts from 1, see row-input.ts). */
  selectRow(row: number): void {
    this.apply(selectRow(this.selection, row, this.rows));
  }

  selectClass(klass: string | number): void {
    this.apply(selectClass(this.selection, klass, this.options.classes ?? []));
  }

  selectScale(scale: Scale): void {
    this.apply(selectScale(this.selection, scale, this.scales));
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
    const { data, target, features } = this.options;
    const models = this.models(), positiveClass = this.positiveClass();
    try {
      const element = await spec.run({
        models, data, target, positiveClass, features, scale: this.selection.scale ?? this.scales[0],
        feature: this.selection.feature, row: this.options.positionOf?.(this.selection.row) ?? this.selection.row,
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
