// "How much to trust this panel": the checks of an explanation (stability, faithfulness, sanity) as
// one short line each, to sit under the explanation they check.
import type { Explanation } from "../explain/types";
import { normaliseBase, PlotError, type BasePlotOptions } from "./options";

const LABEL: Record<string, string> = { stability: "stability", faithfulness: "faithfulness", sanity: "sanity" };

export function trustLine(checks: Explanation | readonly Explanation[], options: BasePlotOptions = {}): HTMLElement {
  const list = Array.isArray(checks) ? (checks as readonly Explanation[]) : [checks as Explanation];
  const o = normaliseBase(options);
  const p = o.document.createElement("p");
  p.className = "cx-trust";
  const parts = list.map((c) => {
    if (c.kind !== "check") throw new PlotError(`trustLine shows checks (crossexam.stability, faithfulness, sanityCheck); got \`${c.kind}\``);
    const name = LABEL[String(c.params.check)] ?? String(c.params.check);
    return `${name}: ${(c.values as { text: string }).text}`;
  });
  p.textContent = `How much to trust this: ${parts.join(" · ")}`;
  return p;
}
