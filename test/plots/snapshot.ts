// Snapshot comparison for rendered plots (Observable Plot's way): the serialised SVG/HTML is
// compared with a committed file. A missing or different snapshot fails unless UPDATE_SNAPSHOTS=1,
// which rewrites it; updating is a deliberate act.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { JSDOM } from "jsdom";
import { expect } from "vitest";

export const snapshotDir = join(dirname(fileURLToPath(import.meta.url)), "snapshots");

/**
 * The jsdom document every plot in the tests is built in, passed explicitly (plots never attach
 * to it, so one per process is enough and saves ~100 ms a plot).
 */
let shared: Document | undefined;
export function newDocument(): Document {
  return (shared ??= new JSDOM("<!DOCTYPE html><html><body></body></html>").window.document);
}

/** Stable text of an element: numbers rounded to 2 decimals, one tag per line. */
export function serialise(el: Element): string {
  return el.outerHTML
    .replace(/(\d+\.\d{3,})/g, (m) => String(Math.round(Number(m) * 100) / 100))
    .replace(/></g, ">\n<")
    .trim() + "\n";
}

export function expectSnapshot(name: string, el: Element): void {
  const file = join(snapshotDir, `${name}.html`);
  const actual = serialise(el);
  if (process.env.UPDATE_SNAPSHOTS) {
    mkdirSync(snapshotDir, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`no snapshot ${file}; render it deliberately with UPDATE_SNAPSHOTS=1 npx vitest run test/plots`);
  }
  expect(actual, `snapshot ${name}.html differs; if the change is intended, run UPDATE_SNAPSHOTS=1 npx vitest run test/plots`).toBe(readFileSync(file, "utf8"));
}
