import { describe, expect, test } from "vitest";
import { cellLibrary } from "../../src/ui/cell-library";
import { declaredNames, definedNames, fitTemplate, fittedSource, freshName, missingNote } from "../../src/ui/fit-template";
import { starterNotebook } from "../../src/ui/new-notebook";
import type { Cell, Notebook } from "../../src/notebook/types";

const js = (id: number, value: string): Cell => ({ id, mode: "js", value, pinned: true, hidden: false });
const notebookOf = (...values: string[]): Notebook => ({ title: "t", theme: "air", readOnly: false, cells: values.map((v, i) => js(i + 1, v)) });
const template = (id: string) => cellLibrary().templates.find((t) => t.id === id)!;

describe("fitTemplate(source, defined)", () => {
  test("leaves a template alone when none of its names is taken", () => {
    const source = "const profiles = f(models);\ndisplay(profiles);";
    expect(fitTemplate(source, new Set(["models"]))).toEqual({ source, reused: [], renamed: {}, missing: [] });
  });

  test("drops a statement that only redefines vocabulary names the notebook has: the cell reuses them", () => {
    const fitted = fitTemplate('// the target\nconst target = "Status";\nconst batch = f(table, target);', new Set(["table", "target"]));
    expect(fitted.source).toBe("// the target\nconst batch = f(table, target);");
    expect(fitted.reused).toEqual(["target"]);
  });

  test("renames any other taken name everywhere in the cell, declarations, references and shorthand properties", () => {
    const fitted = fitTemplate("const profiles = f({models});\nconst o = {profiles, x: profiles.a, profiles: 1};\ndisplay(profiles);", new Set(["profiles", "profiles2"]));
    expect(fitted.renamed).toEqual({ profiles: "profiles3" });
    expect(fitted.source).toBe("const profiles3 = f({models});\nconst o = {profiles: profiles3, x: profiles3.a, profiles: 1};\ndisplay(profiles3);");
  });

  test("renames inside destructuring patterns, keeping the property read", () => {
    const fitted = fitTemplate("const {table, schema} = await load();\ntable.numRows()", new Set(["table"]));
    expect(fitted.source).toBe("const {table: table2, schema} = await load();\ntable2.numRows()");
  });

  test("a cell that would define nothing takes fresh names instead (a second table)", () => {
    const fitted = fitTemplate("const {table} = await load();", new Set(["table"]));
    expect(fitted.source).toBe("const {table: table2} = await load();");
    expect(fitted.reused).toEqual([]);
  });

  test("lists the names the cell reads that the notebook does not define", () => {
    const reads = () => ["rashomon", "setData", "crossexam", "display"];
    expect(fitTemplate("display(f(rashomon, setData))", new Set(["setData"]), reads).missing).toEqual(["rashomon"]);
  });

  test("markdown and html templates are kept as they are", () => {
    expect(fitTemplate("## A note ${x}", new Set(["x"])).source).toBe("## A note ${x}");
  });

  test("freshName counts up from 2", () => {
    expect(freshName("batch", new Set(["batch", "batch2"]))).toBe("batch3");
  });
});

describe("fittedSource(template, notebook)", () => {
  test("“Load a dataset” in the starter notebook (which defines `table`) loads a second table", () => {
    const source = fittedSource(template("load-dataset"), starterNotebook("n"), cellLibrary());
    expect(declaredNames(source)).toEqual(["table2", "schema", "report"]);
  });

  test("“Load a model” defines `models`, the name every explanation reads", () => {
    expect(declaredNames(template("load-model").source)).toEqual(["models"]);
  });

  test("“Rows to explain” reuses a notebook's `target` and defines only `batch`", () => {
    const nb = notebookOf("const {table} = await load();", "const models = [];", 'const target = "y";');
    expect(declaredNames(fittedSource(template("explain-rows"), nb, cellLibrary()))).toEqual(["labelled", "batch"]);
  });

  test("a second partial dependence cell gets fresh names, so both cells stay green", () => {
    const first = template("pdp-ice").source;
    const second = fittedSource(template("pdp-ice"), notebookOf(first), cellLibrary());
    expect(declaredNames(second)).toEqual(["pdFeature2", "profiles2"]);
  });

  test("a template added before what it reads says which ready-made cell to add first", () => {
    const source = fittedSource(template("mcr"), starterNotebook("n"), cellLibrary());
    expect(source.split("\n")[0]).toMatch(/^\/\/ reads `rashomon`, `setData`, `target`, not defined in this notebook yet: add “Rashomon set”, “Rashomon candidates”, “Rows to explain” first$/);
  });

  test("no template hard-codes a column of a bundled dataset", () => {
    const columns = ["Status", "Income", "Expenses", "Seniority", "Amount", "Price", "Sale_Price", "death", "age", "x1", "y_class"];
    for (const t of cellLibrary().templates) {
      for (const c of columns) expect(t.source.includes(`"${c}"`), `${t.id} names "${c}"`).toBe(false);
    }
  });
});

describe("definedNames(cells)", () => {
  test("collects every cell's top-level names; a cell with a syntax error defines nothing", () => {
    expect([...definedNames(notebookOf("const a = 1, {b} = c;", "function f() {}", "const x = (", "a + 1").cells)]).toEqual(["a", "b", "f"]);
  });
});

describe("missingNote(missing, definers)", () => {
  test("is empty when nothing is missing", () => {
    expect(missingNote([], new Map())).toBe("");
  });
});
