// Which cells a change reaches: everything that reads, directly or through other cells, a name
// defined by a changed cell. Read from the runtime's per-cell inputs and outputs.
//   1 ─▶ 2 ─▶ 4        changing 1 reaches 2, 3, 4;
//   └──▶ 3              changing 3 reaches nothing.

export interface CellNames {
  id: number;
  inputs: readonly string[];
  outputs: readonly string[];
}

/** Ids of the cells downstream of `changed` (not including the changed cells themselves), in document order. */
export function downstreamOf(cells: readonly CellNames[], changed: Iterable<number>): number[] {
  const readers = new Map<string, number[]>();
  for (const c of cells) for (const name of c.inputs) readers.set(name, [...(readers.get(name) ?? []), c.id]);
  const byId = new Map(cells.map((c) => [c.id, c]));
  const seeds = new Set(changed);
  const reached = new Set<number>();
  const queue = [...seeds];
  while (queue.length) {
    const cell = byId.get(queue.shift()!);
    for (const name of cell?.outputs ?? []) {
      for (const reader of readers.get(name) ?? []) {
        if (!reached.has(reader) && !seeds.has(reader)) { reached.add(reader); queue.push(reader); }
      }
    }
  }
  return cells.map((c) => c.id).filter((id) => reached.has(id));
}
