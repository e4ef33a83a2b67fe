import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parseNotebook } from "../../src/notebook/format";
import { nodeDom } from "../../src/notebook/node-dom";
import { mayHoldNotebook, NOT_A_NOTEBOOK } from "../../src/notebook/sniff";
import { exampleNotebooks } from "../example-notebooks";

// The headless runner refuses a file before starting a worker when mayHoldNotebook says no: that
// must never refuse a notebook the parser reads, and must give the parser's own message.
describe("mayHoldNotebook(text)", () => {
  test("every example notebook may hold one", () => {
    for (const file of exampleNotebooks()) expect(mayHoldNotebook(readFileSync(`notebooks/${file}`, "utf8")), file).toBe(true);
  });

  test("a <notebook> start tag in any case, with attributes or self-closing, may hold one, and parses", () => {
    for (const text of ["<notebook></notebook>", "<NOTEBOOK theme=\"air\">\n</NOTEBOOK>", "<Notebook\ttheme=air>", "<!doctype html><notebook/>"]) {
      expect(mayHoldNotebook(text), text).toBe(true);
      expect(() => parseNotebook(text, nodeDom()), text).not.toThrow();
    }
  });

  test("text without one certainly holds none: the parser refuses it with the same message", () => {
    const texts = [readFileSync("package.json", "utf8"), "", "<notebooks></notebooks>", "<html><body>a notebook</body></html>", "<note book>"];
    for (const text of texts) {
      expect(mayHoldNotebook(text), text.slice(0, 40)).toBe(false);
      expect(() => parseNotebook(text, nodeDom()), text.slice(0, 40)).toThrow(NOT_A_NOTEBOOK);
    }
  });
});
