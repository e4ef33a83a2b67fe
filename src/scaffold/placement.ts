// Where a user's file goes under `data/`: left where it is when it is already inside `data/`,
// else copied (or linked) into `data/<folder>/` under its own name. Pure path arithmetic on
// POSIX-style paths relative to the project root; the command checks and writes the files.

/** A folder name from a notebook or file name: lower-case letters, digits and dashes. */
export function dataFolderName(name: string): string {
  const stem = name.split(/[\\/]/).pop()!.replace(/\.[^.]*$/, "");
  const clean = stem.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return clean || "my-model";
}

export interface Placement {
  /** the file as given */
  source: string;
  /** where it lives for the notebook, relative to the project root (POSIX) */
  target: string;
  /** false when the file is already under data/ and stays where it is */
  copy: boolean;
}

/** `rootRelative` is the source relative to the project root (POSIX), or undefined when outside it. */
export function placeFile(source: string, rootRelative: string | undefined, folder: string): Placement {
  if (rootRelative !== undefined && rootRelative.startsWith("data/")) return { source, target: rootRelative, copy: false };
  return { source, target: `data/${folder}/${source.split(/[\\/]/).pop()}`, copy: true };
}
