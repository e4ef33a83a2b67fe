// The standard library every cell sees: Plot, arquero, Inputs, d3, htl, md, FileAttachment and
// the crossexam namespace, all from locally installed packages (Notebook Kit's own library loads
// them from a CDN, which cannot work offline).
import * as Inputs from "@observablehq/inputs";
import * as Plot from "@observablehq/plot";
import * as aq from "arquero";
import * as d3 from "d3";
import * as htl from "htl";
import * as crossexam from "./crossexam-namespace";
import type { Library, LibraryOptions } from "../runtime/library";
import { fileAttachments } from "./file-attachment";
import { makeImporter } from "./importer";
import { md } from "./markdown";

export type { LibraryOptions } from "../runtime/library";
export { fetchBytes } from "./file-attachment";

export function standardLibrary({ base, read }: LibraryOptions): Library {
  const modules: Record<string, unknown> = {
    crossexam, "@observablehq/plot": Plot, arquero: aq, "@observablehq/inputs": Inputs, d3, htl,
  };
  const builtins: Record<string, unknown> = {
    Plot, aq, Inputs, d3, htl, html: htl.html, svg: htl.svg, md, crossexam,
    FileAttachment: fileAttachments(base, read),
  };
  return { builtins, importer: makeImporter(modules, base) };
}
