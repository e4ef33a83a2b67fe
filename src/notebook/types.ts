// What a notebook file holds, as crossexam reads and writes it.

/** Cell modes crossexam runs; any other `type` is kept verbatim as `unknown` and not run. */
export type CellMode = "js" | "ts" | "ojs" | "md" | "html" | "tex" | "dot" | "sql" | "node" | "python" | "r" | "unknown";

export interface Cell {
  /** stable numeric id: forks are diffed against their parents by id */
  id: number;
  mode: CellMode;
  value: string;
  pinned: boolean;
  hidden: boolean;
  output?: string;
  format?: string;
  database?: string;
  /** the `type` attribute as written, kept when it is not one Notebook Kit knows */
  rawType?: string;
  /** attributes Notebook Kit does not know, kept in order so a round trip loses nothing */
  extra?: [string, string][];
}

/** Where a fork came from, written into the file so it survives a round trip. */
export interface Lineage {
  /** the parent's path (relative to notebooks/) or URL */
  parent: string;
  /** SHA-256 of the parent's file text when it was forked, as `sha256:<hex>` */
  parentHash: string;
  /** ISO time of the fork */
  forkedAt: string;
}

export interface Notebook {
  title: string;
  theme: string;
  readOnly: boolean;
  cells: Cell[];
  lineage?: Lineage;
  /** unknown attributes of <notebook>, in order */
  extra?: [string, string][];
  /** unknown elements inside <notebook>, kept with the number of cells that precede them */
  foreign?: { after: number; html: string }[];
}

/** The DOM pieces the format needs: native in the browser, jsdom's in Node. */
export interface Dom {
  parser: DOMParser;
  document: Document;
}
