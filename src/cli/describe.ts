// `crossexam describe MODEL.onnx [--json]`: what a model file holds — inputs, outputs, kind,
// classes, opsets, metadata, its card when one sits beside it, and its trees when it is an ensemble.
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { cardFeatureOrder, describeModel, parseCard, readModelBytes, type ModelCard, type ModelDescription } from "../model/index";
import { summarizeTrees, type TreeSummary } from "../model/tree-summary";
import type { CommandIO } from "./io";

/** `M.card.json` beside `M.onnx`, when there is one. */
export function cardPathFor(modelPath: string): string | undefined {
  const path = modelPath.replace(/\.onnx$/i, "") + ".card.json";
  return existsSync(path) ? path : undefined;
}

export function readCardFile(path: string): ModelCard {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`model card \`${path}\` is not valid JSON: ${(e as Error).message}`);
  }
  return parseCard(json, `model card \`${path}\``);
}

/** The tree summary, or the reason the file's trees cannot be read (never swallowed). */
function treesOf(bytes: Uint8Array): { trees?: TreeSummary; treesError?: string } {
  try {
    const trees = summarizeTrees(bytes);
    return trees ? { trees } : {};
  } catch (e) {
    return { treesError: (e as Error).message };
  }
}

function treeLines(t: TreeSummary): string[] {
  const used = t.featuresUsed.length <= 12 ? `: ${t.featuresUsed.join(", ")}` : "";
  return [
    `  trees: ${t.trees} (${t.nodes} nodes, ${t.leaves} leaves, depth ≤ ${t.maxDepth}), ${t.aggregate}, post-transform ${t.postTransform}`,
    `    features used: ${t.featuresUsed.length} of ${t.featureCount}${used}`,
    t.covers.valid
      ? `    covers: valid — ${t.covers.reason}; SHAP 'auto' is path-dependent TreeSHAP`
      : `    covers: none — ${t.covers.reason}; SHAP 'auto' is interventional TreeSHAP (path-dependent needs --covers-from)`,
  ];
}

const shape = (s: (number | string | null)[]) => (s.length ? `[${s.map((d) => d ?? "N").join(", ")}]` : "");

export function formatDescription(
  file: string, d: ModelDescription, card?: ModelCard, cardPath?: string, trees?: TreeSummary, treesError?: string,
): string {
  const kind = { regressor: "regressor", binary: "binary classifier", multiclass: "multiclass classifier" }[d.kind];
  const lines = [`${file}${d.producer ? ` (made by ${d.producer})` : ""}`, `  kind: ${kind}`];
  const from = d.probabilitiesFrom ? ` (the file names none: the columns of its ${d.probabilitiesFrom} output${d.singleColumn ? ", P(class 1)" : ""})` : "";
  if (d.classes) lines.push(`  classes: ${d.classes.join(", ")}${from}${card?.positive_class !== undefined ? ` (positive: ${card.positive_class})` : ""}`);
  lines.push("  inputs:");
  for (const i of d.inputs) lines.push(`    ${i.name}  ${i.type} ${shape(i.shape)}`);
  lines.push("  outputs:");
  for (const o of d.outputs) {
    const note = o.name === d.scoreOutput ? (d.hasZipMap ? "  ← scores (a ZipMap: read as a [N, classes] tensor on load)" : "  ← scores") : o.name === d.labelOutput ? "  ← label" : "";
    lines.push(`    ${o.name}  ${o.type} ${shape(o.shape)}${note}`);
  }
  lines.push(`  opsets: ${Object.entries(d.opsets).map(([k, v]) => `${k || "ai.onnx"} ${v}`).join(", ")}`);
  if (trees) lines.push(...treeLines(trees));
  if (treesError) lines.push(`  trees: cannot be read — ${treesError}`);
  for (const p of d.problems) lines.push(`  problem: ${p}`);
  for (const [k, v] of Object.entries(d.metadata)) lines.push(`  metadata ${k}: ${v}`);
  if (card) lines.push(`  card: ${cardPath}${card.name ? ` — ${card.name}` : ""}`, `    features: ${cardFeatureOrder(card).join(", ")}`);
  return `${lines.join("\n")}\n`;
}

export const USAGE = "usage: crossexam describe MODEL.onnx [--card CARD.json] [--json]\n";

export async function describeCommand(argv: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean" }, card: { type: "string" } } });
  } catch (e) {
    io.stderr(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    io.stderr(USAGE);
    return 2;
  }
  const file = positionals[0];
  try {
    const bytes = await readModelBytes(file);
    const description = describeModel(bytes);
    const cardPath = values.card ?? cardPathFor(file);
    const card = cardPath ? readCardFile(cardPath) : undefined;
    const { trees, treesError } = treesOf(bytes);
    if (values.json) {
      const out = { file, ...description, ...(trees ? { trees } : {}), ...(treesError ? { treesError } : {}), ...(card ? { card: { path: cardPath, name: card.name, features: cardFeatureOrder(card), positive_class: card.positive_class } } : {}) };
      io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    } else io.stdout(formatDescription(file, description, card, cardPath, trees, treesError));
    return 0;
  } catch (e) {
    io.stderr(`${file}: ${(e as Error).message}\n`);
    return 1;
  }
}
