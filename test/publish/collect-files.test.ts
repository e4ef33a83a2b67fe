import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parseNotebook } from "../../src/notebook/format";
import { nodeDom } from "../../src/notebook/node-dom";
import { attachmentNames, neededFiles } from "../../src/publish/collect-files";
import { PublishError, siteAssetPath, siteNotebookPath } from "../../src/publish/site-paths";
import { scratchDir } from "../scratch-dir";

const root = resolve(".");
const demo = resolve("test/fixtures/notebooks/publish-demo.html");
const read = (file: string) => parseNotebook(readFileSync(file, "utf8"), nodeDom());

function notebookWith(...cells: string[]): string {
  return `<!doctype html>\n<notebook>\n<title>t</title>\n${cells.map((c, i) => `<script id="${i + 1}" type="module">\n${c}\n</script>`).join("\n")}\n</notebook>\n`;
}

describe("site paths", () => {
  test("every notebook is published under notebooks/ by its file name", () => {
    expect(siteNotebookPath("/x/test/fixtures/notebooks/demo.html")).toBe("notebooks/demo.html");
    expect(() => siteNotebookPath("/x/demo.txt")).toThrow(/ends in .html/);
  });
  test("a file name resolves from the notebook's site folder, as a browser would resolve it", () => {
    expect(siteAssetPath("notebooks/a.html", "../data/models/m.onnx", "a")).toBe("data/models/m.onnx");
    expect(siteAssetPath("notebooks/a.html", "local.csv", "a")).toBe("notebooks/local.csv");
    expect(siteAssetPath("notebooks/a.html", "https://example.org/x.csv", "a")).toBeNull();
  });
  test("names that would leave the site, or absolute paths, are refused naming the cell", () => {
    expect(() => siteAssetPath("notebooks/a.html", "../../secret.csv", "a.html, cell #3")).toThrow(/a.html, cell #3: .*points outside the site/);
    expect(() => siteAssetPath("notebooks/a.html", "/etc/passwd", "a.html, cell #2")).toThrow(/cell #2: .*absolute path/);
  });
});

describe("neededFiles(notebook, file, site, root)", () => {
  test("collects each FileAttachment and the model card beside each .onnx file", () => {
    const files = neededFiles(read(demo), demo, "notebooks/publish-demo.html", root);
    expect(files.map((f) => f.site).sort()).toEqual(["data/models/synthetic/y-gbm.card.json", "data/models/synthetic/y-gbm.onnx", "data/synthetic.csv"]);
    // a notebook outside notebooks/ is read as if it sat there: its files come from the project root
    expect(files.find((f) => f.site === "data/synthetic.csv")!.source).toBe(join(root, "data/synthetic.csv"));
  });

  test("a file beside the notebook wins over the project's copy", () => {
    const dir = scratchDir("cx-publish-");
    mkdirSync(join(dir, "nb")); mkdirSync(join(dir, "data"));
    writeFileSync(join(dir, "data", "own.csv"), "a\n1\n");
    const file = join(dir, "nb", "x.html");
    writeFileSync(file, notebookWith(`const t = FileAttachment("../data/own.csv")`));
    expect(neededFiles(read(file), file, "notebooks/x.html", root)).toEqual([{ site: "data/own.csv", source: join(dir, "data", "own.csv"), from: `${file}, cell #1` }]);
  });

  test("a missing file is an error naming the notebook, the cell and where it looked", () => {
    const dir = scratchDir("cx-publish-");
    const file = join(dir, "x.html");
    writeFileSync(file, notebookWith("1 + 1", `const m = FileAttachment("../data/nope.onnx")`));
    expect(() => neededFiles(read(file), file, "notebooks/x.html", root)).toThrow(PublishError);
    expect(() => neededFiles(read(file), file, "notebooks/x.html", root)).toThrow(/x\.html, cell #2: FileAttachment\("..\/data\/nope.onnx"\) names a file that does not exist \(looked at .*\)/);
  });

  test("a cell that does not parse stops publishing with the notebook and cell named", () => {
    const file = resolve("test/fixtures/notebooks/broken.html");
    expect(() => attachmentNames(read(file), file)).toThrow(/broken\.html, cell #1: /);
  });

  test("cells that crossexam does not run (python) are skipped, and markdown cells are searched too", () => {
    const text = `<!doctype html>\n<notebook>\n<title>t</title>\n<script id="1" type="text/x-python">FileAttachment("../x.csv")</script>\n<script id="2" type="text/markdown">\${FileAttachment("../data/synthetic.csv").name}</script>\n</notebook>\n`;
    expect(attachmentNames(parseNotebook(text, nodeDom()), "t.html")).toEqual([{ name: "../data/synthetic.csv", cell: 2 }]);
  });
});

describe("files that markdown and html cells name", () => {
  test("images, stylesheets and videos named by relative URL are copied; links to pages and absolute URLs are not", () => {
    const dir = scratchDir("cx-publish-");
    mkdirSync(join(dir, "videos"));
    writeFileSync(join(dir, "style.css"), "body {}");
    writeFileSync(join(dir, "videos/open.webp"), "RIFF");
    writeFileSync(join(dir, "chart.png"), "PNG");
    const file = join(dir, "guide.html");
    writeFileSync(file, `<!doctype html>\n<notebook>\n<title>t</title>\n`
      + `<script id="1" type="text/html">\n<link rel="stylesheet" href="./style.css"><img src="./videos/open.webp">\n</script>\n`
      + `<script id="2" type="text/markdown">\n![a chart](chart.png) see [the kit](./kit) and [Observable](https://observablehq.com), [top](#top)\n</script>\n`
      + `</notebook>\n`);
    const files = neededFiles(read(file), file, "notebooks/guide.html", root);
    expect(files.map((f) => [f.site, f.from.replace(dir, "")]).sort()).toEqual([
      ["notebooks/chart.png", "/guide.html, cell #2"],
      ["notebooks/style.css", "/guide.html, cell #1"],
      ["notebooks/videos/open.webp", "/guide.html, cell #1"],
    ]);
  });
});
