import { describe, expect, test } from "vitest";
import { downstreamOf } from "../../../src/ui/fork/downstream";
import { NotebookRuntime } from "../../../src/runtime/notebook-runtime";
import type { Cell } from "../../../src/notebook/types";

//   1 (a) ─▶ 2 (b) ─▶ 4 (d)
//     └────▶ 3 (c)       5 (e, reads nothing)
const graph = [
  { id: 1, inputs: [], outputs: ["a"] },
  { id: 2, inputs: ["a"], outputs: ["b"] },
  { id: 3, inputs: ["a", "Plot"], outputs: ["c"] },
  { id: 4, inputs: ["b"], outputs: ["d"] },
  { id: 5, inputs: [], outputs: ["e"] },
];

describe("downstreamOf(cells, changed)", () => {
  test("reaches every cell that reads a changed cell's names, directly or through others, in document order", () => {
    expect(downstreamOf(graph, [1])).toEqual([2, 3, 4]);
  });
  test("does not include the changed cells themselves, even when one reads another", () => {
    expect(downstreamOf(graph, [1, 2])).toEqual([3, 4]);
  });
  test("a leaf or an isolated cell reaches nothing", () => {
    expect(downstreamOf(graph, [4])).toEqual([]);
    expect(downstreamOf(graph, [5])).toEqual([]);
  });
  test("an id the notebook does not have reaches nothing", () => {
    expect(downstreamOf(graph, [99])).toEqual([]);
  });
  test("a cycle terminates", () => {
    const cycle = [{ id: 1, inputs: ["b"], outputs: ["a"] }, { id: 2, inputs: ["a"], outputs: ["b"] }];
    expect(downstreamOf(cycle, [1])).toEqual([2]);
  });

  test("reads the graph from a real runtime's cell states (inputs and outputs found by the transpiler)", async () => {
    const cell = (id: number, value: string): Cell => ({ id, mode: "js", value, pinned: false, hidden: false });
    const runtime = new NotebookRuntime({ builtins: {}, importer: async () => ({}) });
    runtime.load([cell(1, "const n = 3;"), cell(2, "const xs = Array.from({length: n}, (_, i) => i);"), cell(3, "const total = xs.reduce((a, b) => a + b, 0);"), cell(4, "const other = 1;")]);
    await runtime.idle();
    expect(downstreamOf(runtime.states(), [1])).toEqual([2, 3]);
    expect(downstreamOf(runtime.states(), [4])).toEqual([]);
    runtime.dispose();
  });
});
