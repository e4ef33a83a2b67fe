// The standard library every cell sees, all from locally installed packages (Notebook Kit's own
// library loads them from a CDN, which cannot work offline): Notebook Kit's names (width, now,
// Generators, Mutable, DOM, Promises, tex, md, FileAttachment, require, the sample datasets,
// topojson, Plot, d3, Inputs, htl, arquero, Arrow) and the crossexam namespace.
import * as Inputs from "@observablehq/inputs";
import * as Plot from "@observablehq/plot";
import * as Arrow from "apache-arrow";
import * as aq from "arquero";
import * as d3 from "d3";
import * as htl from "htl";
import * as topojson from "topojson-client";
import type { Library, LibraryFactory, LibraryOptions } from "../runtime/library";
import * as crossexam from "./crossexam-namespace";
import { DOM, Promises } from "./dom";
import { fileAttachments } from "./file-attachment";
import { Generators } from "./generators";
import { makeImporter, makeRequire } from "./importer";
import { markdownTag } from "./markdown";
import { resolveRelativeUrls } from "./relative-urls";
import { Mutable } from "./mutable";
import { installedDataset, sampleDatasets, type DatasetUrl } from "./sample-datasets";
import { tex } from "./tex";
import { SQL_HOST } from "../runtime/compile-sql";
import type { DuckOpener } from "./sql/backend";
import { sqlHost } from "./sql/index";
import { STANDARD_LIBRARY_SOURCE } from "./source";

export type { LibraryOptions } from "../runtime/library";
export { fetchBytes } from "./file-attachment";

/** The width cells see where no page lays them out (the headless runner): Notebook Kit's default. */
export const HEADLESS_WIDTH = 640;

export interface StandardLibraryOptions extends LibraryOptions {
  /** the element whose width `width` follows; without one `width` is HEADLESS_WIDTH */
  widthOf?: Element;
  /** where the sample datasets are (the browser page's bundled URLs; Node's installed files by default) */
  datasets?: DatasetUrl;
  /** how sql cells open DuckDB (the page's worker build; the Node build by default), on first use */
  duckdb?: DuckOpener;
}

// the headless runner's worker thread imports the factory again from here (source.ts names this module)
export { STANDARD_LIBRARY_SOURCE };

export function standardLibrary({ base, read, exists, widthOf, datasets = installedDataset, duckdb }: StandardLibraryOptions): Library {
  const modules: Record<string, unknown> = {
    crossexam, "@observablehq/plot": Plot, arquero: aq, "@observablehq/inputs": Inputs, d3, htl,
    "apache-arrow": Arrow, "topojson-client": topojson,
  };
  // html and md cells name files relative to the notebook, not to the page showing it
  const html = (strings: TemplateStringsArray, ...values: unknown[]) => resolveRelativeUrls(htl.html(strings, ...values), base);
  const builtins: Record<string, unknown> = {
    Plot, aq, Arrow, Inputs, d3, htl, html, svg: htl.svg, md: markdownTag(base), tex, topojson, crossexam,
    DOM, Promises, Generators, Mutable,
    FileAttachment: fileAttachments(base, read, exists),
    require: makeRequire(modules),
    // sql cells' engine: DuckDB opens only when one runs
    [SQL_HOST]: sqlHost({ base, read, open: duckdb }),
  };
  const definitions: Record<string, () => unknown> = {
    width: widthOf ? () => Generators.width(widthOf) : () => HEADLESS_WIDTH,
    now: () => Generators.now(),
    dark: () => Generators.dark(),
    ...sampleDatasets(datasets, read),
  };
  return { builtins, definitions, importer: makeImporter(modules, base, read) };
}

(standardLibrary as LibraryFactory).source = STANDARD_LIBRARY_SOURCE;
