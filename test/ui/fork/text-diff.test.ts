import { describe, expect, test } from "vitest";
import { lineDiff } from "../../../src/ui/fork/text-diff";

describe("lineDiff(before, after)", () => {
  test("marks a changed line as removed then added, keeping the lines around it", () => {
    expect(lineDiff("a\nthreshold = 0.5\nc", "a\nthreshold = 0.7\nc")).toEqual([
      { op: "same", text: "a" }, { op: "removed", text: "threshold = 0.5" }, { op: "added", text: "threshold = 0.7" }, { op: "same", text: "c" },
    ]);
  });
  test("the kept and added lines rebuild the new text; the kept and removed lines rebuild the old", () => {
    const before = "one\ntwo\nthree\nfour\nfive", after = "zero\none\nthree\nfour!\nfive\nsix";
    const diff = lineDiff(before, after);
    expect(diff.filter((l) => l.op !== "removed").map((l) => l.text).join("\n")).toBe(after);
    expect(diff.filter((l) => l.op !== "added").map((l) => l.text).join("\n")).toBe(before);
    expect(diff.filter((l) => l.op === "same").map((l) => l.text)).toEqual(["one", "three", "five"]);
  });
  test("equal texts have no added or removed lines", () => {
    expect(lineDiff("x\ny", "x\ny").every((l) => l.op === "same")).toBe(true);
  });
});
