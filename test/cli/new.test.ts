// `crossexam new`: a notebook for your own model and table in one step, and `crossexam run` passes
// on what it writes (the run it makes, here in the test's thread: test/run-in-thread.ts). Each test
// works in a scratch project folder (its own data/ and notebooks/).
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { main } from "../../src/cli/main";
import { newCommand } from "../../src/cli/new";
import { parseNotebook } from "../../src/notebook/format";
import { nodeDom } from "../../src/notebook/node-dom";
import type { RunReport } from "../../src/runtime/headless";
import { runInThread } from "../run-in-thread";
import { standardLibrary } from "../../src/stdlib";
import { scratchDir } from "../scratch-dir";
import { capture } from "./capture";

const FIXTURES = resolve("test/fixtures/models");

/** A CSV of `n` rows from `row(i)` (deterministic, so runs are repeatable). */
function csv(path: string, header: string[], n: number, row: (i: number) => (number | string)[]): string {
  writeFileSync(path, [header.join(","), ...Array.from({ length: n }, (_, i) => row(i).join(","))].join("\n") + "\n");
  return path;
}

/** A scratch project: an empty folder, or one whose data/ links to the repository's data/. */
function project(linkData = false): string {
  const root = scratchDir("crossexam-new-");
  if (linkData) symlinkSync(resolve("data"), join(root, "data"));
  return root;
}

async function newIn(root: string, args: string[]) {
  const { out, io } = capture();
  const code = await newCommand(args, io, root);
  return { code, ...out };
}

function failures(report: RunReport): string[] {
  return report.cells.filter((c) => c.status !== "fulfilled" && c.status !== "skipped").map((c) => `#${c.id}: ${c.error}`);
}

// two unnamed float features a, b and a 0/1 outcome (gbm_classifier.onnx's input has no names)
const twoFeatures = (dir: string, name = "scores.csv") =>
  csv(join(dir, name), ["a", "b", "bad"], 120, (i) => [((i * 37) % 100) / 20 - 1, ((i * 53) % 100) / 25 - 2, i % 3 === 0 ? 1 : 0]);

describe("crossexam new", () => {
  test("--help prints the usage and names every option", async () => {
    const { out, io } = capture();
    expect(await main(["new", "--help"], io)).toBe(0);
    for (const option of ["--model", "--data", "--target", "--class", "--features", "--out", "--link", "--rows"]) expect(out.stdout).toContain(option);
  });

  test("without --model or --data it is a usage error (exit 2)", async () => {
    const r = await newIn(project(), ["--data", "x.csv"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--model and --data are required/);
  });

  test("bundled champion and challenger under data/: nothing copied, cards read, the notebook runs with every cell fulfilled", async () => {
    const root = project(true);
    const r = await newIn(root, ["--model", "data/models/credit/gbm.onnx", "--model", "data/models/credit/mlp.onnx",
      "--data", "data/credit.csv", "--out", "notebooks/credit-own.html", "--rows", "150"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).not.toMatch(/copied/);
    expect(r.stdout).toMatch(/target `Status`, classification/);
    const path = join(root, "notebooks/credit-own.html");
    const notebook = parseNotebook(readFileSync(path, "utf8"), nodeDom());
    const code = notebook.cells.map((c) => c.value).join("\n");
    expect(code).toContain('FileAttachment("../data/models/credit/gbm.onnx")');
    expect(code).toContain('FileAttachment("../data/credit.csv")');
    // the standard questions, in order, with prose between them; champion–challenger with two models
    const order = ["modelPerformance", "residuals", "compareModels", "importance(", "effects(", "ale(", "Inputs.form", "shap(", "breakdown(", "explorer("];
    const at = order.map((s) => notebook.cells.findIndex((c) => c.value.includes(s)));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(notebook.cells.filter((c) => c.mode === "md").length).toBeGreaterThanOrEqual(8);
    expect(code).toContain('method: "auto"');
    const report = await runInThread(path, { library: standardLibrary, timeoutMs: 120_000 });
    expect(failures(report)).toEqual([]);
    // prose that reads results: the top feature by importance is named in the text
    expect(report.cells.find((c) => c.summary?.includes("Shuffling"))?.summary).toMatch(/Shuffling \S+ costs the most/);
  }, 180_000);

  test("a model whose file names no features takes the table's columns (less the target) when they are as many; files are copied", async () => {
    const root = project();
    const outside = scratchDir("crossexam-user-");
    const data = twoFeatures(outside);
    const r = await newIn(root, ["--model", join(FIXTURES, "gbm_classifier.onnx"), "--data", data, "--target", "bad", "--rows", "100"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(/2 features from the table's columns/);
    expect(readdirSync(join(root, "data/scores")).sort()).toEqual(["gbm_classifier.onnx", "scores.csv"]);
    const text = readFileSync(join(root, "notebooks/scores.html"), "utf8");
    expect(text).toContain('features: ["a","b"]');
    expect(text).toContain('FileAttachment("../data/scores/scores.csv")');
    expect(failures(await runInThread(join(root, "notebooks/scores.html"), { library: standardLibrary, timeoutMs: 120_000 }))).toEqual([]);
  }, 120_000);

  test("the target is found as the one column no model reads (feature names stored in the file)", async () => {
    const root = project();
    const data = csv(join(root, "reg.csv"), ["x0", "y", "x1", "x2"], 80, (i) => [(i % 10) / 5, i % 7, (i % 5) / 2, (i % 9) - 4]);
    const r = await newIn(root, ["--model", join(FIXTURES, "tree_regressor.onnx"), "--data", data, "--rows", "60"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(/target `y`, regression/);
    expect(r.stdout).toMatch(/3 features from the names in the file/);
    expect(failures(await runInThread(join(root, "notebooks/reg.html"), { library: standardLibrary, timeoutMs: 120_000 }))).toEqual([]);
  }, 120_000);

  test("a multi-class model without --class gets a class selector; every cell runs", async () => {
    const root = project();
    const species = ["setosa", "versicolor", "virginica"];
    const data = csv(join(root, "iris.csv"), ["petal", "species"], 90, (i) => [(i % 30) / 10, species[i % 3]]);
    const r = await newIn(root, ["--model", join(FIXTURES, "multiclass_zipmap.onnx"), "--data", data, "--target", "species", "--rows", "60"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const text = readFileSync(join(root, "notebooks/iris.html"), "utf8");
    expect(text).toContain('Inputs.select(["setosa","versicolor","virginica"], {label: "class scored"');
    expect(text).toContain("class: scoredClass");
    expect(failures(await runInThread(join(root, "notebooks/iris.html"), { library: standardLibrary, timeoutMs: 120_000 }))).toEqual([]);
  }, 120_000);

  test("takes the last column as the target when the table holds the unnamed features and one more column, and says so", async () => {
    const root = project();
    const r = await newIn(root, ["--model", join(FIXTURES, "gbm_classifier.onnx"), "--data", twoFeatures(root), "--rows", "50"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(/target `bad`, the last column: --target names another, classification/);
    expect(readFileSync(join(root, "notebooks/scores.html"), "utf8")).toContain('features: ["a","b"]');
  });

  test("… but refuses when the last column's values are not the model's classes, pointing to --target; nothing is written", async () => {
    const root = project();
    const data = csv(join(root, "first.csv"), ["bad", "a", "b"], 20, (i) => [i % 2, i / 7, i / 3 + 0.1]);
    const r = await newIn(root, ["--model", join(FIXTURES, "gbm_classifier.onnx"), "--data", data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/scores class `1` \(its classes: 0, 1\), but `b` holds/);
    expect(r.stderr).toMatch(/`b` was taken as the target because it is the last column: name the target with --target/);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(existsSync(join(root, "data"))).toBe(false);
    expect(existsSync(join(root, "notebooks"))).toBe(false);
  });

  test("asks for --features, naming the counts, when the table's columns cannot be matched by position", async () => {
    const root = project();
    const data = csv(join(root, "wide.csv"), ["a", "b", "c", "bad"], 20, (i) => [i, i, i, i % 2]);
    const r = await newIn(root, ["--model", join(FIXTURES, "gbm_classifier.onnx"), "--data", data, "--target", "bad"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/takes 2 features in an order the file does not name, and wide\.csv has 3 columns besides the target `bad`/);
    expect(r.stderr).toMatch(/--features a,b,…/);
    // … and --features settles it
    const ok = await newIn(root, ["--model", join(FIXTURES, "gbm_classifier.onnx"), "--data", data, "--target", "bad", "--features", "c,a", "--rows", "10"]);
    expect([ok.code, ok.stderr]).toEqual([0, ""]);
    expect(readFileSync(join(root, "notebooks/wide.html"), "utf8")).toContain('features: ["c","a"]');
  });

  test("names the missing columns when the file's feature names are not in the table", async () => {
    const root = project();
    const data = csv(join(root, "other.csv"), ["x0", "z", "y"], 10, (i) => [i, i, i]);
    const r = await newIn(root, ["--model", join(FIXTURES, "tree_regressor.onnx"), "--data", data, "--target", "y"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/reads `x1`, `x2`, named by the names stored in the file, which are not columns of other\.csv; its columns: `x0`, `z`, `y`/);
  });

  test("refuses a classifier whose scored class is not a value of the target", async () => {
    const root = project();
    const data = csv(join(root, "words.csv"), ["a", "b", "bad"], 20, (i) => [i, i, i % 2 ? "yes" : "no"]);
    const r = await newIn(root, ["--model", join(FIXTURES, "gbm_classifier.onnx"), "--data", data, "--target", "bad"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/scores class `1` \(its classes: 0, 1\), but `bad` holds (yes, no|no, yes)/);
  });

  test("never overwrites a different file under data/; the same file again is fine; --force replaces only the notebook", async () => {
    const root = project();
    const outside = scratchDir("crossexam-user-");
    const data = twoFeatures(outside);
    const args = ["--model", join(FIXTURES, "gbm_classifier.onnx"), "--data", data, "--target", "bad", "--rows", "50"];
    expect((await newIn(root, args)).code).toBe(0);
    // the same command again: same files, same notebook
    expect((await newIn(root, args)).code).toBe(0);
    // a different table of the same name
    writeFileSync(data, "a,b,bad\n1,2,0\n3,4,1\n");
    const r = await newIn(root, args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/data\/scores\/scores\.csv already exists and differs from .*scores\.csv: choose another name with --out/);
    expect(readFileSync(join(root, "data/scores/scores.csv"), "utf8").split("\n").length).toBeGreaterThan(100);
    // another name puts the files in another folder
    const other = await newIn(root, [...args, "--out", "notebooks/scores-v2.html"]);
    expect([other.code, other.stderr]).toEqual([0, ""]);
    expect(existsSync(join(root, "data/scores-v2/scores.csv"))).toBe(true);
    // an edited notebook is not replaced without --force
    writeFileSync(join(root, "notebooks/scores-v2.html"), "edited");
    expect((await newIn(root, [...args, "--out", "notebooks/scores-v2.html"])).stderr).toMatch(/already exists: choose another --out, or pass --force/);
    expect((await newIn(root, [...args, "--out", "notebooks/scores-v2.html", "--force"])).code).toBe(0);
  });

  test("--link links the files into data/<name>/ instead of copying them", async () => {
    const root = project();
    const outside = scratchDir("crossexam-user-");
    const data = twoFeatures(outside);
    const r = await newIn(root, ["--model", join(FIXTURES, "gbm_classifier.onnx"), "--data", data, "--target", "bad", "--link"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(lstatSync(join(root, "data/scores/scores.csv")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, "data/scores/scores.csv"))).toBe(data);
  });

  test("a card beside the model is copied with it", async () => {
    const root = project();
    const outside = scratchDir("crossexam-user-");
    mkdirSync(join(outside, "m"));
    writeFileSync(join(outside, "m/credit.onnx"), readFileSync("data/models/credit/gbm.onnx"));
    writeFileSync(join(outside, "m/credit.card.json"), readFileSync("data/models/credit/gbm.card.json"));
    writeFileSync(join(outside, "credit.csv"), readFileSync("data/credit.csv"));
    const r = await newIn(root, ["--model", join(outside, "m/credit.onnx"), "--data", join(outside, "credit.csv"), "--out", "notebooks/mine.html"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(readdirSync(join(root, "data/mine")).sort()).toEqual(["credit.card.json", "credit.csv", "credit.onnx"]);
    expect(r.stdout).toMatch(/13 features from its card/);
  });
});

// Real exporters' files (skl2onnx, onnxmltools, torch) with their tables, when the repository has them:
// `test/fixtures/exporters/NAME.onnx` beside `NAME.json`, whose `data_csv` names the table (see that folder's README.md).
const EXPORTERS = resolve("test/fixtures/exporters");
const exported = existsSync(EXPORTERS) ? readdirSync(EXPORTERS).filter((f) => f.endsWith(".onnx")) : [];
const referenceOf = (file: string) => JSON.parse(readFileSync(join(EXPORTERS, file.replace(/\.onnx$/, ".json")), "utf8")) as { data_csv: string; broken?: boolean };
describe.skipIf(exported.length === 0)("crossexam new on real exporters' files", () => {
  test.each(exported.filter((f) => !referenceOf(f).broken))("%s: `crossexam new` then `crossexam run` passes", async (file) => {
    const root = project();
    const stem = file.replace(/\.onnx$/, "");
    const r = await newIn(root, ["--model", join(EXPORTERS, file), "--data", join(EXPORTERS, referenceOf(file).data_csv), "--out", `notebooks/${stem}.html`]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(failures(await runInThread(join(root, `notebooks/${stem}.html`), { library: standardLibrary, timeoutMs: 120_000 }))).toEqual([]);
  }, 180_000);

  test.each(exported.filter((f) => referenceOf(f).broken))("%s: refused before anything is written", async (file) => {
    const root = project();
    const r = await newIn(root, ["--model", join(EXPORTERS, file), "--data", join(EXPORTERS, referenceOf(file).data_csv)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(existsSync(join(root, "notebooks"))).toBe(false);
  });
});
