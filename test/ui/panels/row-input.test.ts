import { describe, expect, test } from "vitest";
import { parseRowNumber } from "../../../src/ui/panels/row-input";

describe("parseRowNumber(text, rows): the observation box, rows counted from 1", () => {
  test("a row number of the whole table is its index (row 1 is index 0, the last row is rows − 1)", () => {
    expect(parseRowNumber("1", 4454)).toEqual({ ok: true, row: 0 });
    expect(parseRowNumber(" 4454 ", 4454)).toEqual({ ok: true, row: 4453 });
    expect(parseRowNumber("3000", 4454)).toEqual({ ok: true, row: 2999 });
  });
  test("past the end, 0 and negatives are out of range, saying how many rows there are and how they are counted", () => {
    expect(parseRowNumber("5000", 4454)).toEqual({ ok: false, message: "row 5000 is out of range: the table has 4,454 rows (rows counted from 1)" });
    expect(parseRowNumber("0", 4454)).toEqual({ ok: false, message: "row 0 is out of range: the table has 4,454 rows (rows counted from 1)" });
    expect(parseRowNumber("-3", 1)).toEqual({ ok: false, message: "row -3 is out of range: the table has 1 row (rows counted from 1)" });
  });
  test("a fraction, a word or nothing is refused with what to type", () => {
    expect(parseRowNumber("2.5", 30)).toEqual({ ok: false, message: "row 2.5 is not a whole number: the table has 30 rows (rows counted from 1)" });
    expect(parseRowNumber("ten", 30)).toEqual({ ok: false, message: "\"ten\" is not a row number: the table has 30 rows (rows counted from 1)" });
    expect(parseRowNumber("", 30)).toEqual({ ok: false, message: "type a row number: the table has 30 rows (rows counted from 1)" });
  });
});
