import { describe, expect, test } from "vitest";
import { cellLibrary, parseCellTemplate, readCellLibrary } from "../../src/ui/cell-library";
import { compileCell } from "../../src/runtime/compile";

describe("parseCellTemplate(file, text)", () => {
  test("reads title, description and mode from a multi-line header, and keeps the source after it", () => {
    const t = parseCellTemplate("/cells/load-data.js", "/**\n * @title Load a dataset\n * @description Reads a CSV\n *   into a table.\n * @mode js\n */\nconst table = 1;\n");
    expect(t).toEqual({ id: "load-data", title: "Load a dataset", description: "Reads a CSV into a table.", mode: "js", source: "const table = 1;" });
  });

  test("reads a one-line header, as in `/** @title X  @description Y. @mode md */`", () => {
    const t = parseCellTemplate("cells/note.js", "/** @title Note  @description One line. @mode md */\n# Heading\n\ntext");
    expect(t.title).toBe("Note");
    expect(t.description).toBe("One line.");
    expect(t.mode).toBe("md");
    expect(t.source).toBe("# Heading\n\ntext");
  });

  test("the mode is js when the header does not say", () => {
    expect(parseCellTemplate("x.js", "/** @title X */\n1 + 1").mode).toBe("js");
  });

  test("keeps an email-like @ inside the description", () => {
    expect(parseCellTemplate("x.js", "/** @title X @description ask me@example.org */\n1").description).toBe("ask me@example.org");
  });

  test.each([
    ["no header", "const x = 1;", /starts with a \/\*\* @title/],
    ["no title", "/** @description d */\n1", /needs a @title/],
    ["an unknown mode", "/** @title T @mode python */\n1", /@mode python is not one of js, md, html/],
    ["an unknown tag", "/** @title T @author me */\n1", /unknown tag @author/],
    ["no source", "/** @title T */\n   \n", /no cell source/],
  ])("refuses a template with %s, naming the file", (_what, text, message) => {
    expect(() => parseCellTemplate("cells/bad.js", text)).toThrow(message);
    expect(() => parseCellTemplate("cells/bad.js", text)).toThrow(/^cells\/bad\.js: /);
  });
});

describe("readCellLibrary(files)", () => {
  test("sorts templates by title and lists unreadable files as problems instead of failing", () => {
    const library = readCellLibrary({ "/cells/b.js": "/** @title Beta */\n2", "/cells/a.js": "/** @title Alpha */\n1", "/cells/bad.js": "oops" });
    expect(library.templates.map((t) => t.id)).toEqual(["a", "b"]);
    expect(library.problems).toEqual([{ file: "/cells/bad.js", message: expect.stringMatching(/^\/cells\/bad\.js: /) }]);
  });
});

describe("cellLibrary(): the bundled cells/*.js", () => {
  const library = cellLibrary();
  test("holds the starter templates, every file readable", () => {
    expect(library.problems).toEqual([]);
    expect(library.templates.map((t) => t.id)).toEqual(expect.arrayContaining(["markdown-note", "range-input", "plot-table"]));
  });

  test.each(cellLibrary().templates.map((t) => [t.id, t] as const))("template %s compiles as a cell of its mode", (_id, t) => {
    const compiled = compileCell({ id: 1, mode: t.mode, value: t.source, pinned: false, hidden: false }, async () => ({}));
    expect(typeof compiled.body).toBe("function");
  });
});
