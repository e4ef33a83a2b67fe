// Building small notebooks in tests: cells from strings, a runtime with the real standard library.
import { NotebookRuntime } from "../../src/runtime";
import { standardLibrary } from "../../src/stdlib";
import { fileBase, installDomGlobals, readFileBytes } from "../../src/runtime/node-host";
import type { Cell } from "../../src/notebook";

installDomGlobals();

export function js(id: number, value: string, mode: Cell["mode"] = "js"): Cell {
  return { id, mode, value, pinned: true, hidden: false };
}

export function makeRuntime(base = fileBase(`${process.cwd()}/notebooks/test.html`)) {
  const library = standardLibrary({ base, read: readFileBytes });
  return new NotebookRuntime({ ...library, builtins: { ...library.builtins, log: [] as string[] } });
}

export function status(rt: NotebookRuntime, id: number) {
  return rt.state(id)!.status;
}

export function errorOf(rt: NotebookRuntime, id: number): string | undefined {
  const s = rt.state(id)!.status;
  return s.state === "rejected" ? s.error.message : undefined;
}

export async function valueOf(rt: NotebookRuntime, id: number): Promise<unknown> {
  await rt.idle();
  const s = rt.state(id)!.status;
  if (s.state !== "fulfilled") throw new Error(`cell ${id} is ${s.state}${s.state === "rejected" ? `: ${s.error.message}` : ""}`);
  return s.value;
}

/** The cell's value once it equals `expected` (a re-run scheduled by a timer or a Mutable may land later). */
export async function eventually(rt: NotebookRuntime, id: number, expected: unknown, timeoutMs = 10_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await valueOf(rt, id);
    if (Object.is(value, expected) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
}
