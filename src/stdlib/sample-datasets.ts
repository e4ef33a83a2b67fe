// Observable's sample datasets (`penguins`, `aapl`, `cars`, …) from @observablehq/sample-datasets,
// installed with crossexam (Notebook Kit fetches them from a CDN). Each is read on first use,
// CSV typed as Notebook Kit does (d3.autoType), through the host's reader.
import { autoType, csvParse } from "d3";
import type { ReadBytes } from "../runtime/library";

export const DATASETS = [
  "aapl.csv", "alphabet.csv", "cars.csv", "citywages.csv", "diamonds.csv", "flare.csv", "industries.csv",
  "miserables.json", "olympians.csv", "penguins.csv", "pizza.csv", "weather.csv",
] as const;

/** Where a dataset file is: in Node the installed package; the browser page passes its own. */
export type DatasetUrl = (file: string) => URL;

export const installedDataset: DatasetUrl = (file) => new URL(import.meta.resolve(`@observablehq/sample-datasets/${file}`));

export function sampleDatasets(url: DatasetUrl, read: ReadBytes): Record<string, () => Promise<unknown>> {
  const out: Record<string, () => Promise<unknown>> = {};
  for (const file of DATASETS) {
    const name = file.replace(/\.\w+$/, "");
    out[name] = async () => {
      const text = new TextDecoder().decode(await read(url(file)));
      return file.endsWith(".json") ? JSON.parse(text) : csvParse(text, autoType);
    };
  }
  return out;
}
