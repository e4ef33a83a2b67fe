// Numbers in labels, tips and ticks read as a person writes them.
import { describe, expect, test } from "vitest";
import { fmt } from "../../src/plots/options";

describe("fmt(n)", () => {
  test("three significant digits below 1,000", () => {
    expect([0.12345, 1.2345, 12.345, 123.45, -0.5].map(fmt)).toEqual(["0.123", "1.23", "12.3", "123", "−0.5"]);
  });
  test("whole numbers with a separator from 1,000 to 9,999, never an exponent", () => {
    expect([3875, 1577.4, 4000, -1150].map(fmt)).toEqual(["3,875", "1,577", "4,000", "−1,150"]);
  });
  test("SI suffixes from 10,000", () => {
    expect([180_023, 700_000, 1_250_000].map(fmt)).toEqual(["180k", "700k", "1.25M"]);
  });
  test("exponents only for the very small; zero and non-finite values as such", () => {
    expect([0.000123, 0, Number.NaN, Infinity].map(fmt)).toEqual(["1.23e-4", "0", "NaN", "Infinity"]);
  });
});
