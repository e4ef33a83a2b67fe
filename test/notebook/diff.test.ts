import { describe, expect, test } from "vitest";
import { diffNotebooks, type Notebook } from "../../src/notebook";

const cell = (id: number, value: string) => ({ id, mode: "js" as const, value, pinned: true, hidden: false });
const nb = (...cells: ReturnType<typeof cell>[]): Notebook => ({ title: "t", theme: "air", readOnly: false, cells });

describe("diffNotebooks(parent, fork)", () => {
  test("matches cells by id: added, removed, changed, unchanged", () => {
    // parent: 1 2 3 4   fork: 1 2' 4 5
    const d = diffNotebooks(nb(cell(1, "a"), cell(2, "b"), cell(3, "c"), cell(4, "d")), nb(cell(1, "a"), cell(2, "B"), cell(4, "d"), cell(5, "e")));
    expect(d.changes.map((c) => [c.kind, c.id])).toEqual([
      ["unchanged", 1], ["changed", 2], ["removed", 3], ["unchanged", 4], ["added", 5],
    ]);
    const changed = d.changes[1];
    expect(changed.kind === "changed" && changed.fields).toEqual(["value"]);
    expect(d.moved).toEqual([]);
  });

  test("reports moved cells without calling them changed", () => {
    // parent: 1 2 3   fork: 3 1 2
    const d = diffNotebooks(nb(cell(1, "a"), cell(2, "b"), cell(3, "c")), nb(cell(3, "c"), cell(1, "a"), cell(2, "b")));
    expect(d.moved).toEqual([3]);
    expect(d.changes.every((c) => c.kind === "unchanged")).toBe(true);
  });

  test("a removed first cell stays at the top", () => {
    const d = diffNotebooks(nb(cell(1, "a"), cell(2, "b")), nb(cell(2, "b")));
    expect(d.changes.map((c) => [c.kind, c.id])).toEqual([["removed", 1], ["unchanged", 2]]);
  });
});
