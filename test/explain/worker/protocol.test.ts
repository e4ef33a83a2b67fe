// Packing batches and results for postMessage.
import { describe, expect, test } from "vitest";
import { errorFrom, errorValue, packBatch, resultTransfer, sendableOptions } from "../../../src/explain/worker/protocol";
import { ExplainError } from "../../../src/explain/index";

describe("protocol", () => {
  test("packBatch copies typed columns (the caller's stay usable after transfer) and keeps string columns", () => {
    const x = Float64Array.of(1, 2, 3);
    const { data, transfer } = packBatch({ n: 3, columns: { x, g: ["a", null, "b"] } });
    expect(transfer).toHaveLength(1);
    expect(transfer[0]).not.toBe(x.buffer);
    structuredClone(data, { transfer });
    expect(Array.from(x)).toEqual([1, 2, 3]);
    expect(data.columns.g).toEqual(["a", null, "b"]);
  });

  test("resultTransfer lists each whole typed-array buffer once, skipping views onto part of a buffer", () => {
    const a = new Float64Array(4);
    const shared = new Float64Array(8);
    const result = { values: a, again: [a], part: shared.subarray(2, 4), nested: { b: new Float32Array(2) } };
    const list = resultTransfer(result);
    expect(list).toHaveLength(2);
    expect(list).toContain(a.buffer);
    expect(list).not.toContain(shared.buffer);
  });

  test("sendableOptions drops signal and onProgress and refuses other functions, naming the option", () => {
    const options = { signal: new AbortController().signal, onProgress: () => {}, seed: 3 };
    expect(sendableOptions(options)).toEqual({ seed: 3 });
    expect(() => sendableOptions({ loss: () => 0 })).toThrow(/option `loss` is a function/);
  });

  test("errors survive the trip as their kind: AbortError, ExplainError, other names", () => {
    const abort = errorFrom(errorValue(new DOMException("stop", "AbortError")));
    expect(abort).toMatchObject({ name: "AbortError", message: "stop" });
    expect(errorFrom(errorValue(new ExplainError("bad feature")))).toBeInstanceOf(ExplainError);
    const type = errorFrom(errorValue(new TypeError("oops")));
    expect(type).toMatchObject({ name: "TypeError", message: "oops" });
  });
});
