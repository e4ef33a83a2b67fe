// A model card: the JSON file beside a bundled model (`<model>.card.json`) that says what the
// model predicts and which table column feeds which input position.

export interface CardFeature {
  name: string;
  /** numeric or categorical (free text accepted: only "categorical"/"string" change behaviour) */
  type?: string;
  /** position within the model's single [N, p] input */
  input_index?: number;
  /** the model input this feature feeds, when the model has several named inputs */
  input?: string;
  /** category → code the model was trained on (object), or the categories in code order (array) */
  encoding?: Record<string, number> | string[];
  /** how training filled missing values: `value` replaces NaN/null before the model sees it ("nan" keeps them) */
  missing?: { strategy?: string; value?: number | null };
  /** the element type the model reads for this feature (informative) */
  dtype?: string;
}

export interface ModelCard {
  name?: string;
  task?: "regression" | "classification" | "binary" | "multiclass" | string;
  target?: string;
  positive_class?: string | number;
  classes?: (string | number)[];
  features: CardFeature[];
  inputs?: unknown;
  outputs?: unknown;
  [key: string]: unknown;
}

/** Check the parts of a card we rely on; say which field is wrong. */
export function parseCard(json: unknown, where = "model card"): ModelCard {
  const c = json as ModelCard;
  if (!c || typeof c !== "object") throw new Error(`${where}: expected a JSON object`);
  if (!Array.isArray(c.features) || c.features.length === 0) throw new Error(`${where}: \`features\` must be a non-empty list`);
  c.features.forEach((f, i) => {
    if (!f || typeof f.name !== "string") throw new Error(`${where}: features[${i}] has no \`name\``);
    if (f.input_index != null && !Number.isInteger(f.input_index)) throw new Error(`${where}: features[${i}] (\`${f.name}\`) has a non-integer input_index`);
  });
  return c;
}

/** The card's feature names in model-input order (by input_index when given, else as listed). */
export function cardFeatureOrder(card: ModelCard): string[] {
  const withIndex = card.features.every((f) => f.input_index != null);
  const fs = withIndex ? [...card.features].sort((a, b) => a.input_index! - b.input_index!) : card.features;
  return fs.map((f) => f.name);
}
