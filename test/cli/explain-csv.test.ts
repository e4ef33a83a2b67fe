// `crossexam explain --format csv`: the table a plot's CSV download holds, on stdout.
import { describe, expect, test } from "vitest";
import { main } from "../../src/cli/main";
import { capture } from "./capture";

const PDP = ["explain", "--model", "data/models/ames/gbm.onnx", "--data", "data/ames.csv", "--kind", "pdp", "--feature", "Gr_Liv_Area", "--grid", "800,1500,2500"];

describe("crossexam explain --format", () => {
  test("csv prints a header and one line per grid value, numbers in full", async () => {
    const { out, io } = capture();
    expect(await main([...PDP, "--format", "csv"], io)).toBe(0);
    const lines = out.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("model,feature,value,average");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual(["ames-gbm,Gr_Liv_Area,800", "ames-gbm,Gr_Liv_Area,1500", "ames-gbm,Gr_Liv_Area,2500"]);
    // the same numbers as --json
    const json = capture();
    await main([...PDP, "--format", "json"], json.io);
    const average = JSON.parse(json.out.stdout).values.average as number[];
    expect(lines.slice(1).map((l) => Number(l.split(",")[3]))).toEqual(average);
  });

  test("an unknown format, or --json with another format, is a usage error (exit 2)", async () => {
    const bad = capture();
    expect(await main([...PDP, "--format", "xml"], bad.io)).toBe(2);
    expect(bad.out.stderr).toMatch(/--format must be text, json or csv, not `xml`/);
    const both = capture();
    expect(await main([...PDP, "--format", "csv", "--json"], both.io)).toBe(2);
    expect(both.out.stderr).toMatch(/give --json or --format csv, not both/);
  });
});
