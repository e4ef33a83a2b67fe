import { afterEach, describe, expect, test } from "vitest";
import { elapsed, skippedText, type NotebookRuntime } from "../../src/runtime";
import { errorOf, eventually, js, makeRuntime, status, valueOf } from "./harness";

let rt: NotebookRuntime;
afterEach(() => rt?.dispose());

describe("cells become runtime variables", () => {
  test("a cell's top-level declarations are its outputs and its free references its inputs", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const a = 2, b = 3;"), js(2, "a * b")]);
    expect(await valueOf(rt, 2)).toBe(6);
    expect(rt.state(1)!.outputs).toEqual(["a", "b"]);
    expect(rt.state(2)!.inputs).toEqual(["a", "b"]);
  });

  test("an expression cell displays its value; a declaration cell displays nothing", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const a = 1;"), js(2, "a + 41")]);
    await rt.idle();
    expect(rt.state(1)!.displayed).toEqual([]);
    expect(rt.state(2)!.displayed).toEqual([42]);
  });

  test("display() shows each value it is given, and a re-run replaces them", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const k = 1;"), js(2, "display(k); display(k + 1);")]);
    await rt.idle();
    expect(rt.state(2)!.displayed).toEqual([1, 2]);
    rt.define(js(1, "const k = 10;"));
    await rt.idle();
    expect(rt.state(2)!.displayed).toEqual([10, 11]);
  });

  test("view(input) displays the input and exposes its live value", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const n = view(Inputs.range([0, 100], {value: 5, step: 1}));"), js(2, "n * 2")]);
    expect(await valueOf(rt, 2)).toBe(10);
    const input = rt.state(1)!.displayed[0] as HTMLFormElement & { value: number };
    input.value = 21;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    expect(await eventually(rt, 2, 42)).toBe(42); // the re-run follows the event, not a fixed delay
  });

  test("markdown and html cells render with interpolated values", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const who = 'world';"), js(2, "# Hello ${who}", "md"), js(3, "<b>${who.toUpperCase()}</b>", "html")]);
    await rt.idle();
    expect((rt.state(2)!.displayed[0] as HTMLElement).querySelector("h1")!.textContent).toBe("Hello world");
    expect((rt.state(3)!.displayed[0] as HTMLElement).outerHTML).toBe("<b>WORLD</b>");
  });
});

describe("editing recomputes only what hangs below", () => {
  // 1 → 2 → 4 → 6,  1 → 3,  5 (alone),  2 → 6
  const graph = () => [
    js(1, "const a = 1;"), js(2, "const b = a + 1;"), js(3, "const c = a * 10;"),
    js(4, "const d = b * 2;"), js(5, "const e = 'independent';"), js(6, "const f = d + b;"),
  ];

  test("redefining a cell re-runs it and its dependents, and no other cell", async () => {
    rt = makeRuntime();
    rt.load(graph());
    await rt.idle();
    expect(rt.states().map((s) => s.runs)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(await valueOf(rt, 6)).toEqual({ f: 6 });
    rt.define(js(2, "const b = a + 100;"));
    await rt.idle();
    // cell 2 was redefined (its count restarts) and ran once; 4 and 6 re-ran; 1, 3, 5 did not
    expect(rt.states().map((s) => s.runs)).toEqual([1, 1, 1, 2, 1, 2]);
    expect(await valueOf(rt, 6)).toEqual({ f: 303 });
  });

  test("deleting a cell removes its variables: its readers fail with 'x is not defined'", async () => {
    rt = makeRuntime();
    rt.load(graph());
    await rt.idle();
    rt.delete(1);
    await rt.idle();
    expect(rt.state(1)).toBeUndefined();
    expect(errorOf(rt, 2)).toBe("a is not defined");
    expect(errorOf(rt, 3)).toBe("a is not defined");
    expect(status(rt, 5).state).toBe("fulfilled");
  });

  test("renaming an output repairs nothing silently: dependents fail until fixed", async () => {
    rt = makeRuntime();
    rt.load(graph());
    await rt.idle();
    rt.define(js(1, "const alpha = 1;"));
    await rt.idle();
    expect(errorOf(rt, 2)).toBe("a is not defined");
    rt.define(js(2, "const b = alpha + 1;"));
    await rt.idle();
    expect(await valueOf(rt, 6)).toEqual({ f: 6 });
  });
});

describe("each cell has a status a view can render", () => {
  test("pending, then running (with elapsed time), then fulfilled with value and ms", async () => {
    rt = makeRuntime();
    const seen: string[] = [];
    let elapsedWhileRunning: number | undefined;
    rt.subscribe((e) => {
      if (e.type !== "update" || e.state.id !== 1) return;
      seen.push(e.state.status.state);
      if (e.state.status.state === "running") setTimeout(() => (elapsedWhileRunning = elapsed(rt.state(1)!.status)), 10);
    });
    rt.load([js(1, "await new Promise((r) => setTimeout(() => r(7), 40))")]);
    await rt.idle();
    const done = status(rt, 1);
    expect(done.state === "fulfilled" && done.value).toBe(7);
    expect(done.state === "fulfilled" && done.ms).toBeGreaterThanOrEqual(30);
    expect(elapsedWhileRunning).toBeGreaterThanOrEqual(9);
    expect(seen[0]).toBe("pending");
    expect(seen).toContain("running");
    expect(seen.at(-1)).toBe("fulfilled");
  });

  test("progress(f) reported by a running cell is part of its status", async () => {
    rt = makeRuntime();
    const fractions: number[] = [];
    rt.subscribe((e) => {
      if (e.type === "update" && e.state.status.state === "running" && e.state.status.progress !== undefined) fractions.push(e.state.status.progress);
    });
    rt.load([js(1, "for (const f of [0.25, 0.5, 1]) { progress(f); await new Promise((r) => setTimeout(r, 5)); } 'done'")]);
    await rt.idle();
    expect(fractions).toEqual([0.25, 0.5, 1]);
  });
});

describe("errors are in place and the rest keeps working", () => {
  test("a syntax error names line and column", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const ok = 1;"), js(2, "const a = 1,\n  b = ;"), js(3, "ok + 1")]);
    await rt.idle();
    expect(errorOf(rt, 2)).toBe("Unexpected token at line 2, column 7");
    expect(await valueOf(rt, 3)).toBe(2);
  });

  test("a runtime error shows its message; downstream cells fail, others run", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const x = (() => { throw new Error('boom: bad column') })();"), js(2, "x + 1"), js(3, "'fine'")]);
    await rt.idle();
    expect(errorOf(rt, 1)).toBe("boom: bad column");
    expect(errorOf(rt, 2)).toBe("boom: bad column");
    expect(await valueOf(rt, 3)).toBe("fine");
  });

  // 1: x ─┐
  // 2: x ─┴─▶ 3: x        4 alone
  test("a name declared in two cells: as in Notebook Kit, its readers fail, the declaring cells run", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const x = 1;"), js(2, "const x = 2;"), js(3, "x"), js(4, "'other'")]);
    await rt.idle();
    expect(status(rt, 1).state).toBe("fulfilled");
    expect(status(rt, 2).state).toBe("fulfilled");
    expect(errorOf(rt, 3)).toBe("x is defined more than once");
    expect(await valueOf(rt, 4)).toBe("other");
  });

  test("'circular definition' on every member of a cycle", async () => {
    rt = makeRuntime();
    // 1 → 2 → 3 → 1, and 4 alone
    rt.load([js(1, "const a = c + 1;"), js(2, "const b = a + 1;"), js(3, "const c = b + 1;"), js(4, "40 + 2")]);
    await rt.idle();
    for (const id of [1, 2, 3]) expect(errorOf(rt, id)).toBe("circular definition");
    expect(await valueOf(rt, 4)).toBe(42);
    rt.define(js(1, "const a = 1;"));
    expect(await valueOf(rt, 3)).toEqual({ c: 3 });
  });

  test("invalidation and visibility cannot be declared; display and view can, as in Notebook Kit", async () => {
    rt = makeRuntime();
    rt.load([
      js(1, "const invalidation = 1;"),
      js(2, "let view;"),
      js(3, "const display = 2;"),
      js(4, "display(40 + 2); view(Inputs.range([0, 1], {value: 0.5}));"),
    ]);
    await rt.idle();
    expect(errorOf(rt, 1)).toMatch(/`invalidation` is reserved/);
    expect(status(rt, 2).state).toBe("fulfilled");
    expect(rt.state(2)!.outputs).toEqual(["view"]);
    expect(status(rt, 3).state).toBe("fulfilled");
    // cell 4's display and view are its own, not the names cells 2 and 3 declare
    expect(rt.state(4)!.displayed[0]).toBe(42);
    expect(rt.state(4)!.displayed).toHaveLength(2);
  });

  test("cells of a mode crossexam does not run are skipped (not an error), and are not run", async () => {
    rt = makeRuntime();
    rt.load([{ ...js(1, "digraph { a -> b }"), mode: "dot" }, js(2, "1"), { ...js(3, "x"), mode: "unknown", rawType: "text/x-python" }]);
    await rt.idle();
    expect(status(rt, 1)).toEqual({ state: "skipped", mode: "dot" });
    expect(skippedText(status(rt, 1) as never)).toBe("not run (mode dot)");
    expect(status(rt, 3)).toEqual({ state: "skipped", mode: "text/x-python" });
    expect(await valueOf(rt, 2)).toBe(1);
    // given a runnable mode, the same cell runs
    rt.define(js(1, "'now js'"));
    expect(await valueOf(rt, 1)).toBe("now js");
  });
});

describe("order and invalidation", () => {
  test("independent cells run in document order", async () => {
    rt = makeRuntime();
    rt.load([js(1, "log.push('one')"), js(2, "log.push('two')"), js(3, "log.push('three')"), js(4, "log.slice()")]);
    await rt.idle();
    expect((rt.state(4)!.status as { value: string[] }).value).toEqual(["one", "two", "three"]);
  });

  test("a superseded cell's resource is released through invalidation", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const k = 1;"), js(2, "const resource = {k, open: true}; invalidation.then(() => { resource.open = false; }); log.push(resource); resource")]);
    await rt.idle();
    rt.define(js(1, "const k = 2;"));
    await rt.idle();
    const log = (await rt.value("log")) as { k: number; open: boolean }[];
    expect(log.map((r) => [r.k, r.open])).toEqual([[1, false], [2, true]]);
  });

  test("a superseded long computation stops", async () => {
    rt = makeRuntime();
    const code = `
      const signal = crossexam.signalOf(invalidation);
      let steps = 0;
      log.push({k, started: true});
      for (; steps < 200 && !signal.aborted; steps++) await new Promise((r) => setTimeout(r, 5));
      log.push({k, steps, aborted: signal.aborted});
      steps`;
    // each run is superseded once it has begun (waiting on its start, not on a fixed delay: a loaded
    // machine may take longer than any delay to get there)
    const started = async (k: number) => {
      const log = (await rt.value("log")) as { k: number; started?: true }[];
      for (const deadline = Date.now() + 10_000; !log.some((e) => e.k === k && e.started) && Date.now() < deadline;) {
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    rt.load([js(1, "const k = 1;"), js(2, code)]);
    await started(1);
    rt.define(js(1, "const k = 2;"));
    await started(2);
    rt.define(js(1, "const k = 3;"));
    await rt.idle(10_000);
    const log = ((await rt.value("log")) as { k: number; steps?: number; aborted?: boolean }[]).filter((e) => "steps" in e);
    const first = log.find((e) => e.k === 1)!;
    expect(first.aborted).toBe(true);
    expect(first.steps).toBeLessThan(200);
    expect(log.find((e) => e.k === 3)).toMatchObject({ aborted: false, steps: 200 });
  });
});

describe("the standard library", () => {
  test("Plot, aq, d3, Inputs and crossexam are there; Plot renders an SVG with marks", async () => {
    rt = makeRuntime();
    rt.load([
      js(1, "const t = aq.table({x: [1, 2, 3], y: [2, 4, 8]});"),
      js(2, "Plot.plot({marks: [Plot.dot(t, {x: 'x', y: 'y'})]})"),
      js(3, "[d3.sum([1, 2, 3]), typeof Inputs.range, crossexam.version]"),
    ]);
    await rt.idle();
    const svg = (rt.state(2)!.status as { value: Element }).value;
    expect(svg.querySelectorAll("circle").length).toBe(3);
    expect(await valueOf(rt, 3)).toEqual([6, "function", "0.1.0"]);
  });

  test("cells can import from \"crossexam\" and the bundled libraries; other specifiers fail clearly", async () => {
    rt = makeRuntime();
    rt.load([
      js(1, "import {version} from \"crossexam\";\nimport {sum} from \"d3\";"),
      js(2, "[version, sum([1, 1])]"),
      js(3, "import {x} from \"left-pad\";"),
    ]);
    await rt.idle();
    expect(await valueOf(rt, 2)).toEqual(["0.1.0", 2]);
    expect(errorOf(rt, 3)).toMatch(/^offline: cannot load left-pad; crossexam runs without a network/);
  });

  test("FileAttachment reads files relative to the notebook", async () => {
    rt = makeRuntime();
    rt.load([js(1, "FileAttachment('hello.html').text()"), js(2, "FileAttachment('missing.csv').text()")]);
    await rt.idle();
    expect(await valueOf(rt, 1)).toContain("<notebook");
    expect(errorOf(rt, 2)).toMatch(/cannot read file `missing.csv`/);
  });
});

describe("cell modes", () => {
  test("a TypeScript cell runs headless (types are stripped)", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const twice = (x: number): number => x * 2;", "ts"), js(2, "twice(21)")]);
    expect(await valueOf(rt, 2)).toBe(42);
  });
});

// Errors follow the graph: when what caused a cell's error is gone, the error goes, with no reload.
describe("errors that follow the graph", () => {
  // 1: table ─┐
  // 2: table ─┴─▶ 3: table.length ─▶ 4
  test("deleting a duplicate declaration clears the error of every reader", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const table = [1, 2, 3];"), js(2, "const table = [4];"), js(3, "const n = table.length;"), js(4, "n * 10")]);
    await rt.idle();
    expect(errorOf(rt, 3)).toBe("table is defined more than once");
    expect(errorOf(rt, 4)).toBe("table is defined more than once");
    rt.delete(2);
    expect(await valueOf(rt, 4)).toBe(30);
    expect(status(rt, 1).state).toBe("fulfilled");
    expect(status(rt, 3).state).toBe("fulfilled");
  });

  test("redefining a duplicate under another name clears the error too", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const table = [1, 2, 3];"), js(2, "const table = [4];"), js(3, "table.length")]);
    await rt.idle();
    expect(errorOf(rt, 3)).toBe("table is defined more than once");
    rt.define(js(2, "const extra = [4];"));
    expect(await valueOf(rt, 3)).toBe(3);
  });

  // 1: y (renamed to z, then back) ─▶ 2: y + 1
  test("renaming a name back repairs its readers", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const y = 41;"), js(2, "y + 1")]);
    expect(await valueOf(rt, 2)).toBe(42);
    rt.define(js(1, "const z = 41;"));
    await rt.idle();
    expect(errorOf(rt, 2)).toBe("y is not defined");
    rt.define(js(1, "const y = 41;"));
    expect(await valueOf(rt, 2)).toBe(42);
  });

  // 1: a (syntax error, then fixed) ─▶ 2: a * 2 ─▶ 3: b + 1
  test("fixing an upstream syntax error repairs every cell below it", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const a = (1 + ;"), js(2, "const b = a * 2;"), js(3, "b + 1")]);
    await rt.idle();
    expect(errorOf(rt, 1)).toMatch(/^Unexpected token/);
    expect(errorOf(rt, 2)).toBe("a is not defined");
    expect(errorOf(rt, 3)).toBe("a is not defined");
    rt.define(js(1, "const a = (1 + 2);"));
    expect(await valueOf(rt, 3)).toBe(7);
    expect(status(rt, 2).state).toBe("fulfilled");
  });
});
