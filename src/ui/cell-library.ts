// The library of ready-made cells the editor offers in its "Add cell" menu: the files `cells/*.js`,
// each a header comment then the cell's source:
//
//   /**
//    * @title Load a dataset
//    * @description One line saying what the cell does.
//    * @mode js            (js, md or html; js when absent)
//    */
//   const table = …
//
// The header is dropped when the cell is inserted; the rest is the cell, as it will run.
import type { CellMode } from "../notebook/types";

export type TemplateMode = Extract<CellMode, "js" | "md" | "html">;

export interface CellTemplate {
  /** the file name without `.js`, e.g. `range-input` */
  id: string;
  title: string;
  description: string;
  mode: TemplateMode;
  /** the cell's source, without the header */
  source: string;
}

export interface CellLibrary {
  templates: CellTemplate[];
  /** files that could not be read as templates, with the reason (shown in the menu, not thrown) */
  problems: { file: string; message: string }[];
}

const MODES = new Set<TemplateMode>(["js", "md", "html"]);
const TAGS = new Set(["title", "description", "mode"]);

/** Read one template file; throws an Error naming the file and what to fix. */
export function parseCellTemplate(file: string, text: string): CellTemplate {
  const id = file.split("/").pop()!.replace(/\.js$/, "");
  const match = /^\s*\/\*\*([\s\S]*?)\*\/[ \t]*\r?\n?/.exec(text);
  if (!match) throw new Error(`${file}: a cell template starts with a /** @title … @description … @mode … */ header`);
  // strip the leading `*` of each comment line, then split on tags
  const body = match[1].split(/\r?\n/).map((l) => l.replace(/^\s*\*(?!\/)\s?/, "")).join("\n");
  const tags: Record<string, string> = {};
  for (const part of body.split(/(?=(?:^|\s)@[a-z]+\b)/)) {
    const tag = /^\s*@([a-z]+)\b([\s\S]*)$/.exec(part);
    if (!tag) continue;
    if (!TAGS.has(tag[1])) throw new Error(`${file}: unknown tag @${tag[1]} in the header (use @title, @description, @mode)`);
    tags[tag[1]] = tag[2].replace(/\s+/g, " ").trim();
  }
  if (!tags.title) throw new Error(`${file}: the header needs a @title`);
  const mode = (tags.mode || "js") as TemplateMode;
  if (!MODES.has(mode)) throw new Error(`${file}: @mode ${tags.mode} is not one of js, md, html`);
  const source = text.slice(match[0].length).replace(/^\s*\n/, "").replace(/\s+$/, "");
  if (!source) throw new Error(`${file}: there is no cell source after the header`);
  return { id, title: tags.title, description: tags.description ?? "", mode, source };
}

/** Read every template of a set of files (name → text), sorted by title; bad files become problems. */
export function readCellLibrary(files: Record<string, string>): CellLibrary {
  const templates: CellTemplate[] = [];
  const problems: CellLibrary["problems"] = [];
  for (const [file, text] of Object.entries(files)) {
    try {
      templates.push(parseCellTemplate(file, text));
    } catch (error) {
      problems.push({ file, message: (error as Error).message });
    }
  }
  templates.sort((a, b) => a.title.localeCompare(b.title));
  return { templates, problems };
}

let bundled: CellLibrary | undefined;

/** The templates bundled from `cells/*.js` (read at build time by Vite, so nothing is fetched). */
export function cellLibrary(): CellLibrary {
  bundled ??= readCellLibrary(import.meta.glob("/cells/*.js", { query: "?raw", import: "default", eager: true }) as Record<string, string>);
  return bundled;
}
