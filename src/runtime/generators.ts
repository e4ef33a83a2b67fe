// Generators the runtime iterates: an input element's successive values (what `view()` returns).

type Pull<T> = { next(): Promise<IteratorResult<T>>; return(): Promise<IteratorResult<T>>; [Symbol.asyncIterator](): Pull<T> };

/** The values of an input element: now, then after each "input" event (only the latest is kept). */
export function inputValues<T = unknown>(element: EventTarget & { value?: unknown }): Pull<T> {
  let resolve: ((r: IteratorResult<T>) => void) | null = null;
  let latest: { value: T } | null = { value: element.value as T };
  let done = false;
  const onInput = () => {
    const value = element.value as T;
    if (resolve) { resolve({ value, done: false }); resolve = null; }
    else latest = { value };
  };
  element.addEventListener("input", onInput);
  const pull: Pull<T> = {
    next() {
      if (done) return Promise.resolve({ value: undefined as never, done: true });
      if (latest) { const { value } = latest; latest = null; return Promise.resolve({ value, done: false }); }
      return new Promise((r) => (resolve = r));
    },
    return() {
      done = true;
      element.removeEventListener("input", onInput);
      resolve?.({ value: undefined as never, done: true });
      return Promise.resolve({ value: undefined as never, done: true });
    },
    [Symbol.asyncIterator]() { return pull; },
  };
  return pull;
}
