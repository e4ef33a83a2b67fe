// After an edit is kept (a local notebook) or saved (the editor), the header's Fork, Share and
// Compare act on the notebook as it now is, not as it was loaded.
import { parseNotebook } from "../../notebook/format";
import type { CompareLink } from "../fork/compare-link";
import type { ForkButton } from "../fork/fork-button";
import type { ShareButton } from "../fork/share-button";

export function refreshHeader(actions: Element, text: string): void {
  const notebook = parseNotebook(text, { parser: new DOMParser(), document });
  const fork = actions.querySelector<ForkButton>("cx-fork-button");
  if (fork) { fork.notebook = notebook; fork.text = text; }
  const share = actions.querySelector<ShareButton>("cx-share-button");
  if (share) { share.notebook = notebook; share.text = text; }
  const compare = actions.querySelector<CompareLink>("cx-compare-link");
  if (compare) compare.notebook = notebook;
}
