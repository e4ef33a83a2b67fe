// How a sql cell shows its result: a table, as Notebook Kit shows one (Observable Inputs' table,
// which renders rows as they scroll into view). The cell's value stays the arquero table itself.
import * as Inputs from "@observablehq/inputs";

type Rows = { objects(): object[]; columnNames(): string[] };

export function sqlTableView(result: unknown): unknown {
  const table = result as Rows | null;
  if (!table || typeof table.objects !== "function") return Inputs.table(result as never);
  return Inputs.table(table.objects(), { columns: table.columnNames() });
}
