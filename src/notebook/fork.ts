// Forking: a new notebook that remembers which notebook, in which exact version, it came from.
import { contentHash } from "./hash";
import type { Notebook } from "./types";

/** A fork of `parent` (whose file text is `parentText`), recording lineage; cells keep their ids. */
export async function forkNotebook(parent: Notebook, parentText: string, parentRef: string, now = new Date()): Promise<Notebook> {
  return {
    ...structuredClone(parent),
    title: parent.title.startsWith("Fork of ") ? parent.title : `Fork of ${parent.title}`,
    readOnly: false,
    lineage: { parent: parentRef, parentHash: await contentHash(parentText), forkedAt: now.toISOString() },
  };
}
