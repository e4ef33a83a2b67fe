// Cell texts that a plain <script> cannot hold: each is written so that crossexam's reader and
// Notebook Kit's own `deserialize` read back every cell, identical, in every cell mode.
import { deserialize, serialize } from "@observablehq/notebook-kit";
import { describe, expect, test } from "vitest";
import { parseNotebook, serializeNotebook, type Cell, type CellMode, type Notebook } from "../../src/notebook";
import { nodeDom } from "../../src/notebook/node-dom";
import { safeAsScriptText, scriptEnd, storedCellText } from "../../src/notebook/script-text";

const dom = nodeDom();

function notebookOf(values: string[], mode: CellMode = "js"): Notebook {
  const cells: Cell[] = values.map((value, i) => ({ id: i + 1, mode, value, pinned: false, hidden: false }));
  if (mode === "unknown") cells.forEach((c) => (c.rawType = "text/x-custom"));
  return { title: "Dangerous", theme: "air", readOnly: false, cells };
}

/** What Notebook Kit reads from our file, and what we read. */
function readBoth(text: string) {
  return { kit: deserialize(text, { parser: dom.parser }).cells, ours: parseNotebook(text, dom).cells };
}

const DANGEROUS = [
  `const tpl = "<!--<script>";`,
  `<!-- <script>`,
  "`</script/>`",
  `</script>`,
  `</SCRIPT >`,
  `</ScRiPt/`,
  `a </script`,
  `<\\/script>`,
  `<!--<script></script>`,
  `<!--<script><!--<script>-->`,
  `<script>x</script>`,
  `<!-- comment -->`,
  `--> </script\t`,
];
const MODES: CellMode[] = ["js", "md", "html", "ts", "unknown"];

describe("serializeNotebook: cell text that would end or swallow a plain <script>", () => {
  test.each(MODES)("in %s cells every dangerous text reads back identical, and so do the cells after it", (mode) => {
    const values = DANGEROUS.flatMap((d) => [d, `after ${d.length}`]);
    const text = serializeNotebook(notebookOf(values, mode), dom);
    const { kit, ours } = readBoth(text);
    expect(ours.map((c) => c.value)).toEqual(values);
    expect(kit.map((c) => c.value)).toEqual(values);
    expect(kit.map((c) => c.id)).toEqual(values.map((_, i) => i + 1));
    expect(ours.every((c) => c.mode === mode)).toBe(true);
  });

  test("the issue's three cases no longer swallow the rest of the notebook", () => {
    const values = [`const tpl = "<!--<script>";`, "x = 1", "<b>html</b>\n<!-- <script>", "md `</script/>` here", "last"];
    const modes: CellMode[] = ["js", "js", "html", "md", "js"];
    const nb = notebookOf(values);
    nb.cells.forEach((c, i) => (c.mode = modes[i]));
    const { kit, ours } = readBoth(serializeNotebook(nb, dom));
    expect(ours).toHaveLength(5);
    expect(kit.map((c) => [c.mode, c.value])).toEqual(modes.map((m, i) => [m, values[i]]));
  });

  test("a text with nothing dangerous is written byte for byte as Notebook Kit writes it", () => {
    const nb = notebookOf(["const a = '</script>';", "x < y && y > z <!-- -->", "# md\n\n  indented"]);
    const kit = deserialize(serializeNotebook(nb, dom), { parser: dom.parser });
    expect(serializeNotebook(nb, dom)).toBe(serialize(kit, { document: dom.document }));
    expect(serializeNotebook(nb, dom)).not.toContain("<svg>");
  });

  test("only the cell that needs it is written as SVG script; a second write is identical", () => {
    const nb = notebookOf(["plain", "`</script/>`", "plain too"]);
    const text = serializeNotebook(nb, dom);
    expect(text.match(/<svg>/g)).toHaveLength(1);
    expect(text).toContain('<svg><script id="2" type="module">');
    const again = parseNotebook(text, dom);
    expect(again).toEqual(nb);
    expect(serializeNotebook(again, dom)).toBe(text);
  });

  test("attributes of an SVG-written cell survive (pinned, hidden, output, format, unknown ones)", () => {
    const nb = notebookOf(["<!--<script>"]);
    Object.assign(nb.cells[0], { pinned: true, hidden: true, output: "x", format: "json", extra: [["data-k", "v"]] });
    expect(parseNotebook(serializeNotebook(nb, dom), dom)).toEqual(nb);
  });
});

describe("scriptEnd follows the HTML tokenizer", () => {
  const cases: [string, boolean][] = [
    ["plain", true], ["</script>", false], ["</script/", false], ["</scripts>", true], ["<!--", true],
    ["<!--<script>", false], ["<!--<script>-->", true], ["<!--<script></script>", true],
    ["<!--<script x", false], ["<!--<scriptx>", true], ["<!-->", true], ["<!--<script>--!>", false],
  ];
  test.each(cases)("%j followed by </script> closes there: %s", (text, safe) => {
    expect(safeAsScriptText(text)).toBe(safe);
    // the ground truth: jsdom's HTML parser, the same parser crossexam reads files with in Node
    const doc = dom.parser.parseFromString(`<script>${text}</script><p id=after></p>`, "text/html");
    expect(doc.querySelector("script")!.textContent === text).toBe(safe);
  });

  test("reports where an early end tag is", () => {
    expect(scriptEnd("ab</script>cd")).toBe(2);
  });

  test("storedCellText: the format keeps \\n line breaks and empties lines of only spaces", () => {
    expect(storedCellText("a\r\n  \r b")).toBe("a\n\n b");
  });
});
