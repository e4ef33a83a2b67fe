import { readFileSync } from "node:fs";
import { deserialize, serialize } from "@observablehq/notebook-kit";
import { describe, expect, test } from "vitest";
import { forkNotebook, nextCellId, parseNotebook, serializeNotebook } from "../../src/notebook";
import { nodeDom } from "../../src/notebook/node-dom";
import { exampleNotebooks } from "../example-notebooks";

const dom = nodeDom();
const parse = (text: string) => parseNotebook(text, dom);
const write = (nb: ReturnType<typeof parse>) => serializeNotebook(nb, dom);

const plain = `<!doctype html>
<notebook theme="slate">
  <title>Plain</title>
  <script id="1" type="text/markdown">
    # Hello
  </script>
  <script id="2" type="module" pinned="">
    const x = 1;
    
    x + 1
  </script>
  <script id="5" type="text/html">
    <b>\${x}<\\/script></b>
  </script>
</notebook>
`;

describe("parseNotebook / serializeNotebook", () => {
  test("reads cells exactly as Notebook Kit's deserialize does", () => {
    const ours = parse(plain);
    const kit = deserialize(plain, { parser: dom.parser });
    expect(ours.title).toBe(kit.title);
    expect(ours.cells.map((c) => [c.id, c.mode, c.value, c.pinned, c.hidden])).toEqual(
      kit.cells.map((c) => [c.id, c.mode, c.value, c.pinned, c.hidden]),
    );
  });

  test("writes byte-for-byte what Notebook Kit's serialize writes when nothing is extra", () => {
    const kit = deserialize(plain, { parser: dom.parser });
    expect(write(parse(plain))).toBe(serialize(kit, { document: dom.document }));
  });

  test("a notebook we write reads back identical", () => {
    const once = write(parse(plain));
    expect(write(parse(once))).toBe(once);
    expect(parse(once)).toEqual(parse(plain));
  });

  test("keeps unknown attributes, unknown cell types and foreign elements through a round trip", () => {
    const text = `<!doctype html>
<notebook theme="air" data-owner="lab-7" experimental="yes">
  <title>Extras</title>
  <style>.x { color: red }</style>
  <script id="3" type="module" data-note="keep me">1 + 1</script>
  <script id="4" type="text/x-unknown-lang">some(code)</script>
  <aside id="side">a foreign element</aside>
  <script id="9" type="application/sql" database="var:db" format="svg">select 1</script>
</notebook>
`;
    const nb = parse(text);
    expect(nb.extra).toEqual([["data-owner", "lab-7"], ["experimental", "yes"]]);
    expect(nb.cells[0].extra).toEqual([["data-note", "keep me"]]);
    expect(nb.cells[1]).toMatchObject({ mode: "unknown", rawType: "text/x-unknown-lang", value: "some(code)" });
    expect(nb.cells[2].format).toBe("svg");
    expect(nb.foreign?.map((f) => f.after)).toEqual([0, 2]);
    const again = parse(write(nb));
    expect(again).toEqual(nb);
    expect(write(again)).toBe(write(nb));
  });

  test("fork lineage is written into the file and survives a round trip", async () => {
    const parent = parse(plain);
    const fork = await forkNotebook(parent, plain, "notebooks/plain.html", new Date("2026-01-02T03:04:05Z"));
    expect(fork.lineage).toMatchObject({ parent: "notebooks/plain.html", forkedAt: "2026-01-02T03:04:05.000Z" });
    expect(fork.lineage!.parentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const text = write(fork);
    expect(text).toContain('fork-of="notebooks/plain.html"');
    expect(parse(text).lineage).toEqual(fork.lineage);
    // Observable's own reader still opens it
    expect(deserialize(text, { parser: dom.parser }).cells).toHaveLength(3);
    expect(fork.cells.map((c) => c.id)).toEqual(parent.cells.map((c) => c.id));
  });

  test("nextCellId never reuses an id", () => {
    expect(nextCellId(parse(plain))).toBe(6);
  });

  test("a file without <notebook> is refused with a clear message", () => {
    expect(() => parse("<html><body>hi</body></html>")).toThrow(/no <notebook> element/);
  });
});

describe("every notebook in notebooks/", () => {
  const files = exampleNotebooks();
  test("there is at least one", () => expect(files.length).toBeGreaterThan(0));
  test.each(files)("%s reads back identical after one write", (file) => {
    const text = readFileSync(`notebooks/${file}`, "utf8");
    const once = write(parse(text));
    expect(write(parse(once))).toBe(once);
    expect(parse(once)).toEqual(parse(text));
  });
});
