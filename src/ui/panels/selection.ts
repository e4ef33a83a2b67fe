// The selections every panel of the grid shares — a feature, an observation (a row, possibly
// edited in the what-if form), the class a multi-class model is explained for, and the scale the
// local explanations are shown in — and which panels must recompute when one of them changes.
import type { Scale } from "./scale";

/** What a panel's result depends on besides the data, the models and the class (which every panel depends on). */
export type Dependency = "feature" | "observation" | "scale";

export interface Selection {
  /** the selected feature */
  feature: string;
  /** the selected row, as an index into the data the grid was given */
  row: number;
  /** what-if edits of the selected row: feature → edited value (empty when unedited) */
  edits: Readonly<Record<string, number | string | null>>;
  /** the class whose score the models give (a classifier's), as a label of its `classes` */
  klass?: string | number;
  /** the scale of the local explanations (default: the models' own score) */
  scale?: Scale;
}

/** The parts of the selection that differ between `prev` and `next`. */
export function changedParts(prev: Selection | undefined, next: Selection): Set<Dependency> {
  const changed = new Set<Dependency>();
  if (!prev || prev.feature !== next.feature) changed.add("feature");
  if (!prev || prev.row !== next.row || !sameEdits(prev.edits, next.edits)) changed.add("observation");
  if (!prev || prev.scale !== next.scale) changed.add("scale");
  return changed;
}

function sameEdits(a: Selection["edits"], b: Selection["edits"]): boolean {
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.is(a[k], b[k]));
}

/**
 * The panels to recompute: on the first run, or for another class, all of them; afterwards those
 * depending on a changed part. Global panels (no dependencies) never recompute on a selection change.
 */
export function affectedPanels<P extends { id: string; depends: readonly Dependency[] }>(
  panels: readonly P[], prev: Selection | undefined, next: Selection,
): P[] {
  if (!prev || String(prev.klass) !== String(next.klass)) return panels.slice();
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

/** The selection for another class: every panel recomputes; the row and its edits stay. */
export function selectClass(s: Selection, klass: string | number, classes: readonly (string | number)[]): Selection {
  const known = classes.find((c) => String(c) === String(klass));
  return known !== undefined && String(known) !== String(s.klass) ? { ...s, klass: known } : s;
}

/** The selection in another scale, when it is one of those offered. */
export function selectScale(s: Selection, scale: Scale, scales: readonly Scale[]): Selection {
  return scales.includes(scale) && scale !== s.scale ? { ...s, scale } : s;
}
