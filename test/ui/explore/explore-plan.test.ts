// planExplore: the gallery form's reading of picked files — the same decisions as `crossexam new`
// (src/scaffold), with refusals that name the form's fields instead of the command's options.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { ExploreError, planExplore, sortFiles, type PickedFile } from "../../../src/ui/explore/explore-plan";

const fixture = (name: string): PickedFile => ({ name, bytes: new Uint8Array(readFileSync(`test/fixtures/exporters/${name}`)) });
const text = (name: string, body: string): PickedFile => ({ name, bytes: new TextEncoder().encode(body) });
const cls5 = readFileSync("test/fixtures/exporters/cls5.csv", "utf8");
// cls5 with one column more: the model's 5 inputs no longer match the table's columns by position
const wide = text("wide.csv", `${cls5.trim().split("\n").map((l, i) => `${l},${i === 0 ? "extra" : i}`).join("\n")}\n`);

describe("planExplore", () => {
  test("an skl2onnx classifier and its table: the form asks which column is the target (offering the columns), then the notebook reads the files where they are put", async () => {
    const files = [fixture("skl_gb_classifier.onnx"), fixture("cls5.csv")];
    // 6 columns, a model of 5 unnamed inputs: any one column could be the target
    const asked = await planExplore({ files }).catch((e) => e);
    expect(asked.field).toBe("target");
    expect(asked.columns).toEqual(["x1", "x2", "x3", "x4", "x5", "y"]);
    expect(asked.message).toContain("name the target in the Target field (the other 5 columns, in table order, are then the features)");
    const plan = await planExplore({ files, target: "y" });
    expect(plan.target).toBe("y");
    expect(plan.folder).toBe("cls5");
    expect(plan.title).toBe("skl_gb_classifier on cls5.csv");
    const notebook = plan.notebook((name) => `../data/cls5/${name}`);
    const code = notebook.cells.map((c) => c.value).join("\n");
    expect(code).toContain(`crossexam.loadModel(FileAttachment("../data/cls5/skl_gb_classifier.onnx")`);
    expect(code).toContain(`crossexam.loadTable(FileAttachment("../data/cls5/cls5.csv"))`);
    for (const call of ["importancePlot", "pdpPlot", "shapPlot", "explorer"]) expect(code).toContain(`crossexam.${call}`);
  });

  test("a table that does not settle the target asks for the Target field; then the Features field; both given, it plans", async () => {
    const files = [fixture("skl_gb_classifier.onnx"), wide];
    const first = await planExplore({ files }).catch((e) => e);
    expect(first).toBeInstanceOf(ExploreError);
    expect(first.field).toBe("target");
    expect(first.message).toMatch(/cannot tell which column of wide\.csv the models predict: name it in the Target field/);
    const second = await planExplore({ files, target: "y" }).catch((e) => e);
    expect(second.field).toBe("features");
    expect(second.message).toMatch(/takes 5 features in an order the file does not name, and wide\.csv has 6 columns besides the target `y`/);
    expect(second.message).toContain("Give the features in input order with the Features field");
    expect(second.message).not.toMatch(/--features|--target/);
    const plan = await planExplore({ files, target: "y", features: ["x1", "x2", "x3", "x4", "x5"] });
    expect(plan.notebook((n) => n).cells.map((c) => c.value).join("\n")).toContain(`features: ["x1","x2","x3","x4","x5"]`);
  });

  test("a feature the table lacks is named, with the table's columns", async () => {
    const error = await planExplore({ files: [fixture("skl_gb_classifier.onnx"), wide], target: "y", features: ["x1", "x2", "x3", "x4", "nope"] }).catch((e) => e);
    expect(error.message).toMatch(/reads `nope`, named by the Features field, which is not a column of wide\.csv/);
  });
});

describe("sortFiles", () => {
  test.each([
    [[text("t.csv", "a\n1\n")], /add the model: an \.onnx file/],
    [[text("m.onnx", "")], /add the table/],
    [[text("m.onnx", ""), text("a.csv", ""), text("b.csv", "")], /give one table, not 2 \(a\.csv, b\.csv\)/],
    [[text("m.onnx", ""), text("a.csv", ""), text("notes.txt", "")], /notes\.txt: not a model \(\.onnx\), a card \(\.card\.json\) or a table/],
  ])("refuses %#", (files, message) => {
    expect(() => sortFiles(files)).toThrow(message);
  });

  test("a NAME.card.json goes with NAME.onnx, not as a table", () => {
    const sorted = sortFiles([text("m.onnx", ""), text("m.card.json", "{}"), text("t.json", "[]")]);
    expect(sorted.cards.get("m")?.name).toBe("m.card.json");
    expect(sorted.table.name).toBe("t.json");
  });
});
