// "How much to trust this panel": checks of the SHAP panel's values, computed after the panel has
// drawn and shown as one line under it — stability (only a sampled method can move between seeds),
// and faithfulness of the first model's attribution (deletion against random orders).
import { faithfulness } from "../../explain/checks/faithfulness";
import { stability } from "../../explain/checks/stability";
import { shap, type ShapValues } from "../../explain/shap";
import type { Explanation } from "../../explain/types";
import { trustLine } from "../../plots/check-view";
import type { PanelContext } from "./panels";

/** Background rows and random orders the panel's checks use: enough to rank, cheap enough to stay live. */
const CHECK_BACKGROUND = 30;
const RANDOM_ORDERS = 10;

/** The panel's element with the trust line under it; the line says so when a check cannot run. */
export async function withTrustLine(ctx: PanelContext, results: Explanation<ShapValues>[], panel: Element): Promise<Element> {
  const holder = panel.ownerDocument.createElement("div");
  holder.className = "cx-panel-with-checks";
  holder.append(panel);
  const first = results[0];
  const model = ctx.models.find((m) => m.name === first?.model);
  if (!first || !model) return holder;
  try {
    const checks: Explanation[] = [];
    const sampled = Array.isArray(first.se);
    if (sampled) {
      // (the explainer itself, not ctx.explainers: the checks are not the panel's own computation)
      checks.push(await stability((seed) => shap(model, ctx.data, {
        observation: ctx.observation, background: CHECK_BACKGROUND, seed, method: first.params.method as "permutation", signal: ctx.signal,
      }), { runs: 3, seed: 2, signal: ctx.signal }));
    }
    checks.push(await faithfulness(model, ctx.data, first, {
      observation: ctx.observation, background: CHECK_BACKGROUND, randomOrders: RANDOM_ORDERS, seed: 1, signal: ctx.signal,
    }));
    const line = trustLine(checks, { document: panel.ownerDocument });
    if (!sampled) line.textContent += ` · stability: ${String(first.params.method)} SHAP is exact, the same under every seed`;
    holder.append(line);
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    const p = panel.ownerDocument.createElement("p");
    p.className = "cx-trust";
    p.textContent = `How much to trust this: not checked (${(error as Error).message})`;
    holder.append(p);
  }
  return holder;
}
