// Responsible for: turning notebook cells into variables of one @observablehq/runtime module,
// keeping them in step with edits (define, redefine, delete), and reporting each cell's state.
// The runtime itself decides what recomputes: editing a cell touches only what hangs below it.
import { Runtime, type Module, type Variable } from "@observablehq/runtime";
import type { Cell } from "../notebook/types";
import { type CellState, type CellStatus, now } from "./cell-state";
import { CellSyntaxError, compileCell, RUNNABLE_MODES, type CompiledCell, type Importer } from "./compile";
import { inputValues, Mutator } from "./generators";
import type { Library } from "./library";

/**
 * Names bound per cell and per run rather than shared: what a cell displays is its own. As in
 * Notebook Kit, a cell reading `display` gets its own even where another cell declares a
 * `display` (so `let view;` is a name like any other): the runtime variables behind them carry
 * names no cell can write.
 */
const PER_CELL = ["display", "view", "progress"] as const;
const perCellName = (name: string) => `${name}·cell`;
/** The runtime gives each variable its own `invalidation` and `visibility`; a cell cannot declare them. */
const RESERVED = new Set<string>(["invalidation", "visibility"]);

/** A runtime variable a cell defines besides its main one (its outputs, the parts of `viewof`, `mutable`). */
interface Part { name: string; inputs: string[]; definition: (...args: any[]) => unknown; observed: boolean }

export type RuntimeEvent = { type: "update"; state: CellState } | { type: "remove"; id: number };

interface CellRecord {
  cell: Cell;
  compiled?: CompiledCell;
  main: Variable;
  outputs: Map<string, Variable>;
  mainStatus: CellStatus;
  state: CellState;
  /** the current run; a display() from an older run is ignored */
  run: number;
}

export interface NotebookRuntimeOptions extends Library {}

export class NotebookRuntime {
  private readonly runtime: Runtime;
  private readonly module: Module;
  private readonly importer: Importer;
  private readonly records = new Map<number, CellRecord>();
  private order: number[] = [];
  private readonly listeners = new Set<(event: RuntimeEvent) => void>();
  private ready: { record: CellRecord; start: () => void }[] = [];

  constructor({ builtins, definitions = {}, importer }: NotebookRuntimeOptions) {
    const library: Record<string, () => unknown> = { ...definitions };
    for (const [name, value] of Object.entries(builtins)) library[name] = () => value;
    for (const name of PER_CELL) library[perCellName(name)] = () => null; // replaced per run, see wrap()
    this.runtime = new Runtime(library);
    this.module = this.runtime.module();
    this.importer = importer;
  }

  /** Define every cell of a notebook, in document order (so independent cells run in that order). */
  load(cells: Cell[]): void {
    for (const cell of cells) this.define(cell);
  }

  /** Define a new cell, or redefine the cell with this id; `beforeId` places a new cell. */
  define(cell: Cell, beforeId?: number): void {
    const existing = this.records.get(cell.id);
    if (existing) return this.redefine(existing, cell);
    const at = beforeId === undefined ? -1 : this.order.indexOf(beforeId);
    if (at < 0) this.order.push(cell.id);
    else this.order.splice(at, 0, cell.id);
    const record = {
      cell, outputs: new Map(), mainStatus: { state: "pending" }, run: 0,
      state: { id: cell.id, status: { state: "pending" }, displayed: [], runs: 0, outputs: [], inputs: [] },
    } as unknown as CellRecord;
    record.main = this.module.variable(this.mainObserver(record));
    this.records.set(cell.id, record);
    this.redefine(record, cell);
  }

  /** Remove a cell and its variables; cells that read its outputs now fail with "x is not defined". */
  delete(id: number): void {
    const record = this.records.get(id);
    if (!record) return;
    record.run++; // silence late display() calls
    record.main.delete();
    for (const v of record.outputs.values()) v.delete();
    this.records.delete(id);
    this.order = this.order.filter((x) => x !== id);
    this.emit({ type: "remove", id });
    this.relinkSql();
  }

  /** Move a cell in document order (it does not recompute anything). */
  move(id: number, beforeId?: number): void {
    if (!this.records.has(id)) return;
    this.order = this.order.filter((x) => x !== id);
    const at = beforeId === undefined ? -1 : this.order.indexOf(beforeId);
    if (at < 0) this.order.push(id);
    else this.order.splice(at, 0, id);
  }

  state(id: number): CellState | undefined {
    return this.records.get(id)?.state;
  }

  /** Every cell's state, in document order. */
  states(): CellState[] {
    return this.order.map((id) => this.records.get(id)!.state);
  }

  subscribe(listener: (event: RuntimeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The current value of a name defined by some cell (or the library). */
  value(name: string): Promise<unknown> {
    return this.module.value(name);
  }

  /** Resolves once no cell is pending or running (or rejects after `timeoutMs`). */
  async idle(timeoutMs = 60_000): Promise<void> {
    const deadline = now() + timeoutMs;
    let quietTicks = 0;
    while (quietTicks < 3) {
      await new Promise((r) => setTimeout(r, quietTicks ? 0 : 5));
      const busy = this.states().some((s) => s.status.state === "pending" || s.status.state === "running");
      quietTicks = busy ? 0 : quietTicks + 1;
      if (busy && now() > deadline) {
        const names = this.states().filter((s) => s.status.state === "running" || s.status.state === "pending").map((s) => s.id);
        throw new Error(`cells still running after ${timeoutMs} ms: ${names.join(", ")}`);
      }
    }
  }

  dispose(): void {
    for (const record of this.records.values()) record.run++;
    this.runtime.dispose();
    this.records.clear();
    this.listeners.clear();
  }

  private redefine(record: CellRecord, cell: Cell): void {
    record.cell = cell;
    record.state.runs = 0;
    if (!RUNNABLE_MODES.has(cell.mode)) return this.skip(record, cell);
    let compiled: CompiledCell | undefined;
    let failure: Error | undefined;
    try {
      compiled = compileCell(cell, this.importer, (name) => this.definedElsewhere(name, record));
      const reserved = compiled.outputs.find((o) => RESERVED.has(o));
      if (reserved) throw new CellSyntaxError(`\`${reserved}\` is reserved by the notebook; choose another name`);
    } catch (error) {
      failure = error as Error;
      compiled = undefined;
    }
    record.compiled = compiled;
    record.state.outputs = compiled ? visibleOutputs(compiled) : [];
    record.state.inputs = compiled ? compiled.inputs.filter((i) => !(PER_CELL as readonly string[]).includes(i)) : [];

    let parts: Part[] = [];
    if (!compiled) {
      record.main.define(null, [], () => { throw failure; });
    } else {
      const inputs = compiled.inputs.map((i) => (PER_CELL as readonly string[]).includes(i) ? perCellName(i) : i);
      const body = this.wrap(record, compiled);
      const { output, outputs } = compiled;
      if (output !== undefined && compiled.automutable) {
        // Notebook Kit's mutable: the body gives the initial value, a Mutator holds it, the cell
        // shows (and readers of `x` see) its live value, and `mutable$x` is the handle to assign
        const x = output.slice("mutable ".length);
        const holder = `cell ${cell.id}`;
        record.main.define(x, [holder], ([mutable]: [unknown]) => mutable);
        parts = [
          { name: output, inputs, definition: body, observed: false },
          { name: holder, inputs: [output], definition: Mutator, observed: false },
          { name: `mutable$${x}`, inputs: [holder], definition: ([, handle]: [unknown, unknown]) => handle, observed: false },
        ];
      } else if (output !== undefined) {
        record.main.define(output, inputs, body);
        // Notebook Kit's viewof: the cell shows the element, readers of `x` see its value
        if (compiled.autoview) parts = [{ name: output.slice("viewof$".length), inputs: [output], definition: inputValues, observed: false }];
      } else {
        const mainName = outputs.length ? `cell ${cell.id}` : null;
        record.main.define(mainName, inputs, body);
        parts = outputs.map((name) => ({ name, inputs: [mainName!], definition: (exports: Record<string, unknown>) => exports[name], observed: true }));
      }
    }

    // part variables: keep those whose name stays, drop the others, add the new ones
    const names = new Set(parts.map((p) => p.name));
    for (const [name, v] of record.outputs) {
      if (!names.has(name)) { v.delete(); record.outputs.delete(name); }
    }
    for (const part of parts) {
      // (like Notebook Kit, an output's own error, "x is defined more than once", is shown by the
      // cells that read x, not by the cells that declare it)
      const v = record.outputs.get(part.name) ?? (part.observed ? this.module.variable(true) : this.module.variable());
      v.define(part.name, part.inputs, part.definition);
      record.outputs.set(part.name, v);
    }
    this.refresh(record);
    this.relinkSql();
  }

  private definedElsewhere(name: string, record: CellRecord): boolean {
    for (const other of this.records.values()) if (other !== record && other.state.outputs.includes(name)) return true;
    return false;
  }

  private relinking = false;

  // A sql cell reads, as tables, the names its query mentions that other cells define; after an
  // edit adds or removes such a name, the sql cells whose inputs change are defined again.
  private relinkSql(): void {
    if (this.relinking) return;
    this.relinking = true;
    try {
      for (let pass = 0, changed = true; changed && pass <= this.records.size; pass++) {
        changed = false;
        for (const record of this.records.values()) {
          if (record.cell.mode !== "sql" || !record.compiled) continue;
          let inputs: string[];
          try {
            inputs = compileCell(record.cell, this.importer, (name) => this.definedElsewhere(name, record)).inputs;
          } catch {
            continue;
          }
          if (inputs.join("\n") === record.compiled.inputs.join("\n")) continue;
          this.redefine(record, record.cell);
          changed = true;
        }
      }
    } finally {
      this.relinking = false;
    }
  }

  // A cell of a mode crossexam does not run defines nothing: it is kept, and shown as its source.
  private skip(record: CellRecord, cell: Cell): void {
    record.compiled = undefined;
    record.main.define(null, [], () => undefined);
    for (const v of record.outputs.values()) v.delete();
    record.outputs.clear();
    record.state.outputs = [];
    record.state.inputs = [];
    record.state.displayed = [];
    record.mainStatus = { state: "skipped", mode: cell.mode === "unknown" ? cell.rawType ?? "unknown" : cell.mode };
    this.refresh(record);
  }

  // Each run gets fresh display/view/progress functions bound to that run.
  private wrap(record: CellRecord, compiled: CompiledCell) {
    const slots = PER_CELL.map((name) => compiled.inputs.indexOf(name));
    return (...args: unknown[]) => this.inDocumentOrder(record, () => {
      const run = ++record.run;
      record.state.runs++;
      record.state.displayed = [];
      this.emit({ type: "update", state: record.state }); // the body starts now (a watchdog tells it from waiting)
      const display = (value: unknown) => {
        if (record.run === run) { record.state.displayed.push(value); this.emit({ type: "update", state: record.state }); }
        return value;
      };
      const view = (element: EventTarget & { value?: unknown }) => inputValues(display(element) as typeof element);
      const progress = (fraction: number) => {
        if (record.run === run && record.mainStatus.state === "running") {
          record.mainStatus = { ...record.mainStatus, progress: Math.max(0, Math.min(1, fraction)) };
          this.refresh(record);
        }
      };
      const specials = [display, view, progress];
      slots.forEach((slot, k) => { if (slot >= 0) args[slot] = specials[k]; });
      return compiled.body(...args);
    });
  }

  // The runtime starts ready cells in reverse order of definition (its queue is a stack), so
  // bodies that become ready together are held for one task and started in document order.
  private inDocumentOrder(record: CellRecord, start: () => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.ready.push({ record, start: () => { try { resolve(start()); } catch (error) { reject(error); } } });
      if (this.ready.length === 1) nextTask(() => {
        const batch = this.ready.splice(0).sort((a, b) => this.order.indexOf(a.record.cell.id) - this.order.indexOf(b.record.cell.id));
        for (const { start } of batch) start();
      });
    });
  }

  private mainObserver(record: CellRecord) {
    let since = now();
    return {
      pending: () => {
        if (!RUNNABLE_MODES.has(record.cell.mode)) return;
        since = now();
        record.mainStatus = { state: "running", since };
        this.refresh(record);
      },
      fulfilled: (value: unknown) => {
        if (!RUNNABLE_MODES.has(record.cell.mode)) return;
        record.mainStatus = { state: "fulfilled", value, ms: now() - since };
        if (record.compiled?.autodisplay) record.state.displayed = [value];
        this.refresh(record);
      },
      rejected: (error: unknown) => {
        if (!RUNNABLE_MODES.has(record.cell.mode)) return;
        record.mainStatus = { state: "rejected", error: asError(error), ms: now() - since };
        this.refresh(record);
      },
    };
  }

  private refresh(record: CellRecord): void {
    if (!this.records.has(record.cell.id)) return;
    record.state.status = record.mainStatus;
    this.emit({ type: "update", state: record.state });
  }

  private emit(event: RuntimeEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

// A macrotask without timer clamping: setImmediate in Node, a MessageChannel in browsers.
const nextTask: (f: () => void) => void = typeof setImmediate === "function"
  ? (f) => setImmediate(f)
  : (() => {
      const channel = new MessageChannel();
      const queue: (() => void)[] = [];
      channel.port1.onmessage = () => queue.shift()?.();
      return (f: () => void) => { queue.push(f); channel.port2.postMessage(null); };
    })();

/** The names a cell offers others, as people write them (`x` for `viewof x` and `mutable x`). */
function visibleOutputs(compiled: CompiledCell): string[] {
  const { output } = compiled;
  if (output === undefined) return compiled.outputs;
  if (compiled.autoview) return [output.slice("viewof$".length)];
  if (compiled.automutable) return [output.slice("mutable ".length)];
  return [output];
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
