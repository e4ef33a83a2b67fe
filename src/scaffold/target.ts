// `crossexam.targetOf(models, table)`: the column loaded models predict, for cells that are not
// told it (the ready-made "Rows to explain"): a card's `target`, else the one column no model reads.
import type { ModelCard } from "../model/card";
import { findTarget } from "./features";

interface LoadedModel {
  features: readonly string[];
  card?: ModelCard;
}

/** The target column; throws a ScaffoldError naming the candidates when the table does not settle it. */
export function targetOf(models: LoadedModel | readonly LoadedModel[], table: { columnNames(): string[] } | readonly string[]): string {
  const list: readonly LoadedModel[] = Array.isArray(models) ? models : [models as LoadedModel];
  const columns = Array.isArray(table) ? table : (table as { columnNames(): string[] }).columnNames();
  return findTarget({ columns, table: "the table", ask: "in the cell (`const target = \"…\"`)" }, list.map((m) => m.card), list.map((m) => [...m.features]), []);
}
