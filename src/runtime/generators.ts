// Generators the runtime itself iterates: an input element's successive values (what `view()`
// and `viewof x` give readers), and the generator behind `mutable x`. The standard library
// (src/stdlib/generators.ts) offers these to cells too, with the rest of `Generators`.

export type Notify<T> = (value: T) => T;
export type Dispose = (() => void) | void;

export interface Pull<T> extends AsyncIterableIterator<T> {
  return(): Promise<IteratorResult<T>>;
}

export function checkDispose(dispose: unknown): Dispose {
  if (dispose != null && typeof dispose !== "function") {
    throw new Error(typeof (dispose as { then?: unknown }).then === "function"
      ? "async initializers are not supported" : "initializer returned something, but not a dispose function");
  }
  return dispose as Dispose;
}

/** What a pull generator keeps of the values notified before they are pulled. */
export interface Buffer<T> {
  push(value: T): void;
  /** whether a value waits to be pulled */
  ready(): boolean;
  take(): T;
}

/**
 * An async iterator over the values given to `notify`; `buffer` decides which of those notified
 * between two pulls are kept (the latest only, or all in order).
 */
export function pullFrom<T>(initialize: (notify: Notify<T>) => Dispose, buffer: Buffer<T>): Pull<T> {
  let resolve: ((v: T) => void) | undefined;
  let reject: ((e: unknown) => void) | undefined;
  const dispose = checkDispose(initialize((x) => {
    if (resolve) { resolve(x); resolve = reject = undefined; } else buffer.push(x);
    return x;
  }));
  const stop = (error: unknown) => {
    reject?.(error);
    resolve = reject = undefined;
    dispose?.();
    return { done: true, value: undefined as never };
  };
  const wait = () => new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return {
    async next() {
      return { done: false, value: await (buffer.ready() ? buffer.take() : wait()) };
    },
    async return() { return stop(new Error("Generator returned")); },
    async throw(error: unknown) { return stop(error); },
    [Symbol.asyncIterator]() { return this; },
  } as Pull<T>;
}

/** The latest value given to `notify` (older ones not yet pulled are dropped). */
export function observe<T>(initialize: (notify: Notify<T>) => Dispose): Pull<T> {
  let value: T;
  let stale = false;
  return pullFrom(initialize, {
    push(x) { value = x; stale = true; },
    ready: () => stale,
    take() { stale = false; return value; },
  });
}

/** An input element's value, now and after each input (a click for buttons and checkboxes). */
export function inputValues<T = unknown>(element: EventTarget & { value?: unknown }): Pull<T> {
  return observe<T>((change) => {
    const event = eventOf(element);
    const inputted = () => change(valueOf(element) as T);
    element.addEventListener(event, inputted);
    if (valueOf(element) !== undefined) change(valueOf(element) as T);
    return () => element.removeEventListener(event, inputted);
  });
}

// Observable Inputs carry their value in `.value`; plain form elements are read as Observable does
function valueOf(element: EventTarget & { value?: unknown }): unknown {
  const el = element as HTMLInputElement;
  if (!(typeof HTMLInputElement !== "undefined" && el instanceof HTMLInputElement) && !(typeof HTMLSelectElement !== "undefined" && element instanceof HTMLSelectElement)) return el.value;
  switch (String(el.type)) {
    case "range": case "number": return el.valueAsNumber;
    case "date": return el.valueAsDate;
    case "checkbox": return el.checked;
    case "file": return el.multiple ? el.files : el.files?.[0];
    case "select-multiple": return Array.from((element as HTMLSelectElement).selectedOptions, (o) => o.value);
  }
  return el.value;
}

function eventOf(element: EventTarget): string {
  const type = typeof HTMLInputElement !== "undefined" && element instanceof HTMLInputElement ? element.type : undefined;
  return type === "button" || type === "submit" || type === "checkbox" ? "click" : type === "file" ? "change" : "input";
}

export type MutableValue<T> = Pull<T> & { value: T };

/** A generator whose `.value` can be assigned; each assignment is a new value for its readers. */
export function Mutable<T>(value?: T): MutableValue<T> {
  let change: ((v: T) => T) | undefined;
  const generator = observe<T>((notify) => {
    change = notify;
    if (value !== undefined) notify(value);
  });
  return Object.defineProperty(generator, "value", {
    get: () => value,
    set: (x: T) => { value = x; change?.(x); },
  }) as MutableValue<T>;
}

/** What `mutable x = …` runs on: the generator readers of `x` see, and the handle `mutable x` assigns. */
export function Mutator<T>(value: T): [MutableValue<T>, { value: T }] {
  const mutable = Mutable(value);
  return [mutable, {
    get value() { return mutable.value; },
    set value(v: T) { mutable.value = v; },
  }];
}
