// Seeded random byte flips in an Arrow file and a Parquet file: each damaged copy is either refused
// with a DataError that says the file is damaged, or loads with the same columns and rows. What a flip
// may still change without being refused is what the formats do not protect (Arrow has no checksums):
// the letters of one column name (into other valid text), or the values of one column.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { DataError, loadTable } from "../../src/data";
import { rng } from "../../src/explain/random";

const corpus = (name: string) => new URL(`corpus/${name}`, import.meta.url).pathname;
const FLIPS = 300;

/** Where `text`'s UTF-8 bytes occur in `bytes`. */
function occurrences(bytes: Uint8Array, text: string): number[] {
  const needle = new TextEncoder().encode(text);
  const at: number[] = [];
  for (let i = 0; i + needle.length <= bytes.length; i++) {
    let k = 0;
    while (k < needle.length && bytes[i + k] === needle[k]) k++;
    if (k === needle.length) at.push(i);
  }
  return at;
}

for (const [file, format, kind] of [["people.arrow", "arrow", "invalid-arrow"], ["people.parquet", "parquet", "invalid-parquet"]] as const) {
  describe(`${FLIPS} seeded byte flips of ${file}`, () => {
    test("each is refused as damaged, or loads the same columns and rows with at most one name or one column changed", async () => {
      const original = new Uint8Array(readFileSync(corpus(file)));
      const base = await loadTable(original.slice(), { format });
      const names = base.table.columnNames();
      const columns = names.map((n) => JSON.stringify(base.table.array(n)));
      const random = rng(20261201);
      const outcomes = { refused: 0, same: 0, name: 0, values: 0 };
      for (let k = 0; k < FLIPS; k++) {
        const bytes = original.slice();
        const at = Math.floor(random() * bytes.length);
        bytes[at] ^= 1 + Math.floor(random() * 255);
        const where = `flip ${k + 1} at byte ${at}`;
        let loaded;
        try {
          loaded = await loadTable(bytes, { format });
        } catch (e) {
          expect(e, where).toBeInstanceOf(DataError);
          expect((e as DataError).kind, `${where}: ${(e as Error).message}`).toBe(kind);
          expect((e as Error).message, where).toMatch(format === "arrow" ? /Arrow/ : /Parquet/);
          outcomes.refused++;
          continue;
        }
        // never 0 rows, never a column more or less
        expect(loaded.table.numRows(), where).toBe(5);
        const got = loaded.table.columnNames();
        expect(got.length, where).toBe(names.length);
        const renamed = got.map((n, j) => (n === names[j] ? -1 : j)).filter((j) => j >= 0);
        const changed = got.map((n, j) => (JSON.stringify(loaded.table.array(n)) === columns[j] ? -1 : j)).filter((j) => j >= 0);
        if (renamed.length === 0 && changed.length === 0) { outcomes.same++; continue; }
        if (renamed.length > 0) {
          // a letter of that name was flipped into another printable one: the file now names another column
          expect(renamed, where).toHaveLength(1);
          expect(changed, where).toEqual([]);
          const name = names[renamed[0]];
          expect(occurrences(original, name).some((o) => at >= o && at < o + name.length), `${where}: ${name} → ${got[renamed[0]]}`).toBe(true);
          expect(got[renamed[0]], where).toMatch(/^[\x20-\x7e]+$/);
          outcomes.name++;
        } else {
          expect(changed, where).toHaveLength(1);
          outcomes.values++;
        }
      }
      // the seed gives each outcome; most damage is refused
      expect(outcomes.refused).toBeGreaterThan(FLIPS / 3);
      expect(outcomes.same).toBeGreaterThan(0);
    });
  });
}
