// locateJsonError(text): where JSON first goes wrong, since Node's JSON.parse often will not say.
import { describe, expect, test } from "vitest";
import { locateJsonError } from "../../src/data/json-error-position";

describe("locateJsonError(text)", () => {
  test("valid JSON has no error", () => {
    expect(locateJsonError('{"a": [1, -2.5e3, true, null, "x\\"y"]}')).toBeNull();
  });

  test("a missing comma between array items: the line and column of the item", () => {
    expect(locateJsonError('[\n  1,\n  2\n  3\n]')).toEqual({ line: 4, column: 3, problem: "expected `,` or `]` in an array, found `3`" });
  });

  test("a string never closed: where the text ends", () => {
    expect(locateJsonError('{"a": "open')).toMatchObject({ line: 1, column: 12, problem: "expected a string that is never closed" });
  });

  test("text after the value", () => {
    expect(locateJsonError("[1] x")).toMatchObject({ line: 1, column: 5, problem: "expected the end of the text after the JSON value, found `x`" });
  });

  test("single quotes are not JSON", () => {
    expect(locateJsonError("{'a': 1}")).toMatchObject({ line: 1, column: 2, problem: "expected a property name in double quotes, found `'`" });
  });
});
