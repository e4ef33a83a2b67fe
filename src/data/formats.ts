// Which parser a source needs: from an explicit option or from the name's extension.
import { DataError } from "./errors";

export type Format = "csv" | "tsv" | "json" | "arrow" | "parquet";

export const FORMATS: readonly Format[] = ["csv", "tsv", "json", "arrow", "parquet"];

// extensions other tools use for the same formats
const EXTENSIONS: Record<string, Format> = {
  csv: "csv", tsv: "tsv", tab: "tsv", json: "json",
  arrow: "arrow", feather: "arrow", ipc: "arrow", arrows: "arrow",
  parquet: "parquet", pq: "parquet",
};

/** The extension of a path or URL, lower-case, without the dot ("" when there is none). */
export function extensionOf(name: string): string {
  const path = name.replace(/[?#].*$/, "");
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

/** The format named by `explicit`, else by the extension of `name`; a DataError when neither says. */
export function resolveFormat(name: string | undefined, explicit?: string): Format {
  const supported = "use csv, tsv, json, arrow or parquet";
  if (explicit !== undefined) {
    const f = EXTENSIONS[explicit.toLowerCase().replace(/^\./, "")];
    if (!f) throw new DataError(`unsupported format \`${explicit}\`; ${supported}`, { kind: "unsupported-format" });
    return f;
  }
  const ext = name ? extensionOf(name) : "";
  if (!ext) {
    throw new DataError(`cannot tell the format of ${name ? `\`${name}\`` : "this source"}: it has no extension; pass options.format (${supported})`,
      { kind: "unsupported-format" });
  }
  const f = EXTENSIONS[ext];
  if (!f) throw new DataError(`unsupported format \`.${ext}\`; ${supported}`, { kind: "unsupported-format" });
  return f;
}
