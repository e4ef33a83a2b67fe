// Shared access to the hand-built ONNX fixtures (test/fixtures/models, made by make_models.py)
// and their expected outputs, computed in Python by plain numpy arithmetic.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const MODELS = fileURLToPath(new URL("../fixtures/models/", import.meta.url));

export function modelPath(name: string): string {
  return `${MODELS}${name}.onnx`;
}

export function modelBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(modelPath(name)));
}

export interface Expected {
  inputs: Record<string, unknown[]>;
  outputs: Record<string, unknown[]>;
  [key: string]: unknown;
}

export const expected: Record<string, Expected> = JSON.parse(readFileSync(`${MODELS}expected.json`, "utf8"));

/** A [N, p] input from expected.json as named columns (null → NaN). */
export function columnsOf(rows: (number | null)[][], names: readonly string[]): Record<string, Float64Array> {
  return Object.fromEntries(names.map((n, j) => [n, Float64Array.from(rows, (r) => r[j] ?? NaN)]));
}
