// `Generators`: values that change over time, as async iterators the runtime pulls (Notebook Kit's
// set: observe, queue, input, now, width, dark). A cell that reads one recomputes on each value.

import { inputValues, observe, pullFrom, type Dispose, type Notify, type Pull } from "../runtime/generators";

export { observe, type Pull };

/** Every value given to `notify`, in order. */
export function queue<T>(initialize: (notify: Notify<T>) => Dispose): Pull<T> {
  const values: T[] = [];
  return pullFrom<T>(initialize, { push: (x) => void values.push(x), ready: () => values.length > 0, take: () => values.shift() as T });
}

/** An input element's value, now and after each input (a click for buttons and checkboxes). */
export const input = inputValues;

/** The current time, once per animation frame. Headless there is no frame to wait for, and the runtime would
 * pull as fast as it can (thousands of re-runs a second, and a value that is stale before anyone reads it),
 * so each later value waits one frame's worth of time. */
export async function* now(): AsyncGenerator<number> {
  yield Date.now();
  while (true) {
    await nextFrame();
    yield Date.now();
  }
}

const FRAME_MS = 1000 / 60;
function nextFrame(): Promise<unknown> {
  // Node's DOM shims define requestAnimationFrame as an immediate callback, so headless means a timer.
  const headless = typeof process !== "undefined" && !!process.versions?.node;
  return !headless && typeof requestAnimationFrame === "function"
    ? new Promise((resolve) => requestAnimationFrame(resolve))
    : new Promise((resolve) => setTimeout(resolve, FRAME_MS));
}

/** The width of `target`, now and whenever it changes. */
export function width(target: Element, options?: ResizeObserverOptions): Pull<number> {
  return observe<number>((notify) => {
    let last: number | undefined;
    const observer = new ResizeObserver(([entry]) => {
      const w = entry.contentRect.width;
      if (w !== last) notify((last = w));
    });
    observer.observe(target, options);
    return () => observer.disconnect();
  });
}

/** Whether the page is in a dark color scheme, now and when it changes. */
export function dark(): Pull<boolean> {
  return observe<boolean>((notify) => {
    const media = matchMedia("(prefers-color-scheme: dark)");
    const changed = () => notify(media.matches);
    changed();
    media.addEventListener("change", changed);
    return () => media.removeEventListener("change", changed);
  });
}

export const Generators = { observe, queue, input, now, width, dark };
