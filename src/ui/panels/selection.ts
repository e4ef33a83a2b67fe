// The two selections every panel of the grid shares — a feature and an observation (a row, possibly
// edited in the what-if form) — and which panels must recompute when one of them changes.

/** What a panel's result depends on besides the data and the models. */
export type Dependency = "feature" | "observation";

export interface Selection {
  /** the selected feature */
  feature: string;
  /** the selected row, as an index into the data the grid was given */
  row: number;
  /** what-if edits of the selected row: feature → edited value (empty when unedited) */
  edits: Readonly<Record<string, number | string | null>>;
}

/** The parts of the selection that differ between `prev` and `next`. */
export function changedParts(prev: Selection | undefined, next: Selection): Set<Dependency> {
  const changed = new Set<Dependency>();
  if (!prev || prev.feature !== next.feature) changed.add("feature");
  if (!prev || prev.row !== next.row || !sameEdits(prev.edits, next.edits)) changed.add("observation");
  return changed;
}

function sameEdits(a: Selection["edits"], b: Selection["edits"]): boolean {
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.is(a[k], b[k]));
}

/**
 * The panels to recompute: on the first run all of them; afterwards those depending on a changed
 * part. Global panels (no dependencies) never recompute on a selection change.
 */
export function affectedPanels<P extends { id: string; depends: readonly Dependency[] }>(
  panels: readonly P[], prev: Selection | undefined, next: Selection,
): P[] {
  if (!prev) return panels.slice();
  const changed = changedParts(prev, next);
  return panels.filter((p) => p.depends.some((d) => changed.has(d)));
}

/** The selection after picking a feature: unknown names (e.g. an "others (3)" bar) are ignored. */
export function selectFeature(s: Selection, feature: string, features: readonly string[]): Selection {
  return features.includes(feature) && feature !== s.feature ? { ...s, feature } : s;
}

/** The selection after picking a row: edits belong to the old row and are dropped. */
export function selectRow(s: Selection, row: number, rows: number): Selection {
  if (!Number.isInteger(row) || row < 0 || row >= rows || row === s.row) return s;
  return { ...s, row, edits: {} };
}

/** The selection after a what-if edit; setting a feature back to the row's own value removes the edit. */
export function editValue(s: Selection, feature: string, value: number | string | null, original: unknown): Selection {
  const edits = { ...s.edits };
  if (Object.is(value, original) || (value === null && original === undefined)) delete edits[feature];
  else edits[feature] = value;
  return { ...s, edits };
}
