// `crossexam describe MODEL.onnx [--json]`: what a model file holds — inputs, outputs, kind,
// classes, opsets, metadata, its card when one sits beside it, and its trees when it is an ensemble.
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { cardFeatureOrder, describeModel, parseCard, readModelBytes, readTreeEnsemble, type ModelCard, type ModelDescription } from "../model/index";
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

interface TreeSummary { trees: number; nodes: number; maxDepth: number; postTransform: string; hasCover: boolean }

function treeSummary(bytes: Uint8Array): TreeSummary | undefined {
  try {
    const e = readTreeEnsemble(bytes, { classIndex: 1, features: Array.from({ length: 1e4 }, (_, i) => `f${i}`) });
    const depth = (t: (typeof e.trees)[number], i: number): number => (t.feature[i] === -1 ? 0 : 1 + Math.max(depth(t, t.left[i]), depth(t, t.right[i])));
    return {
      trees: e.trees.length, nodes: e.trees.reduce((s, t) => s + t.feature.length, 0),
      maxDepth: Math.max(...e.trees.map((t) => depth(t, 0))), postTransform: e.postTransform, hasCover: e.hasCover,
    };
  } catch {
    return undefined; // not a tree ensemble (or one we do not read): nothing to summarise
  }
}

const shape = (s: (number | string | null)[]) => (s.length ? `[${s.map((d) => d ?? "N").join(", ")}]` : "");

export function formatDescription(file: string, d: ModelDescription, card?: ModelCard, cardPath?: string, trees?: TreeSummary): string {
  const kind = { regressor: "regressor", binary: "binary classifier", multiclass: "multiclass classifier" }[d.kind];
  const lines = [`${file}${d.producer ? ` (made by ${d.producer})` : ""}`, `  kind: ${kind}`];
  if (d.classes) lines.push(`  classes: ${d.classes.join(", ")}${card?.positive_class !== undefined ? ` (positive: ${card.positive_class})` : ""}`);
  lines.push("  inputs:");
  for (const i of d.inputs) lines.push(`    ${i.name}  ${i.type} ${shape(i.shape)}`);
  lines.push("  outputs:");
  for (const o of d.outputs) {
    const note = o.name === d.scoreOutput ? (d.hasZipMap ? "  ← scores (a ZipMap: read as a [N, classes] tensor on load)" : "  ← scores") : o.name === d.labelOutput ? "  ← label" : "";
    lines.push(`    ${o.name}  ${o.type} ${shape(o.shape)}${note}`);
  }
  lines.push(`  opsets: ${Object.entries(d.opsets).map(([k, v]) => `${k || "ai.onnx"} ${v}`).join(", ")}`);
  if (trees) lines.push(`  trees: ${trees.trees} (${trees.nodes} nodes, depth ≤ ${trees.maxDepth}), post-transform ${trees.postTransform}, cover ${trees.hasCover ? "present" : "absent (TreeSHAP not exact)"}`);
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
    const trees = treeSummary(bytes);
    if (values.json) {
      const out = { file, ...description, ...(trees ? { trees } : {}), ...(card ? { card: { path: cardPath, name: card.name, features: cardFeatureOrder(card), positive_class: card.positive_class } } : {}) };
      io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    } else io.stdout(formatDescription(file, description, card, cardPath, trees));
    return 0;
  } catch (e) {
    io.stderr(`${file}: ${(e as Error).message}\n`);
    return 1;
  }
}
