// The notebook `crossexam new` writes: for one model (or a champion and challengers) and one
// table, the standard questions in order, with prose between them that reads the results —
// does it fit (performance, residuals), what does it read (permutation importance), how does the
// prediction move with the top features (PD/ICE, ALE), why this prediction (SHAP, break-down of
// one row with a what-if form), and everything linked (the panel grid). Pure: a Notebook value.
import type { Cell, Notebook } from "../notebook/types";
import type { FeatureSource } from "./features";

export interface ScaffoldModel {
  /** the file, relative to the notebook (as FileAttachment reads it) */
  path: string;
  /** a label to give it when file stems collide (else the card's name or the stem) */
  name?: string;
  /** features to pass to loadModel (only when no file names them) */
  features?: string[];
  featureSource: FeatureSource;
  featureCount: number;
}

export interface ScaffoldSpec {
  title: string;
  /** the table, relative to the notebook */
  data: string;
  target: string;
  task: "classification" | "regression";
  models: ScaffoldModel[];
  /** the class every classifier scores (`--class`) */
  class?: string;
  /** a multi-class model's classes, when no class was chosen: the notebook offers a selector */
  classes?: (string | number)[];
  /** rows in the sample every explanation reads (default 500) */
  sampleRows?: number;
  /** the command that wrote the notebook, quoted in its first cell */
  command?: string;
}

const SOURCE_TEXT: Record<FeatureSource, string> = {
  card: "its model card",
  file: "the feature names stored in the ONNX file",
  inputs: "the ONNX file's input names (one input per column)",
  option: "the `features` list given to `crossexam new`",
  table: "the table's columns, in table order (as many as the model reads)",
};

const lit = (v: unknown) => JSON.stringify(v);

/** A cell list builder: ids from 1 in document order. */
class Cells {
  readonly list: Cell[] = [];
  md(text: string) { this.push("md", text); }
  js(code: string) { this.push("js", code); }
  private push(mode: "md" | "js", value: string) {
    this.list.push({ id: this.list.length + 1, mode, value: value.trim(), pinned: mode === "js", hidden: false });
  }
}

function loadModelsCell(spec: ScaffoldSpec): string {
  const options = (m: ScaffoldModel) => {
    const parts: string[] = [];
    if (m.name) parts.push(`name: ${lit(m.name)}`);
    if (m.features) parts.push(`features: ${lit(m.features)}`);
    if (spec.class !== undefined) parts.push(`class: ${lit(spec.class)}`);
    else if (spec.classes) parts.push("class: scoredClass");
    parts.push("invalidation");
    return `{${parts.join(", ")}}`;
  };
  const why = spec.models.some((m) => m.features)
    ? "// `features` names the table columns in the model's input order (nothing in the file names them)\n" : "";
  const lines = spec.models.map((m) => `  crossexam.loadModel(FileAttachment(${lit(m.path)}), ${options(m)}),`);
  return `${why}const models = await Promise.all([\n${lines.join("\n")}\n]);`;
}

function intro(spec: ScaffoldSpec): string {
  const [first] = spec.models;
  const several = spec.models.length > 1;
  const modelText = several
    ? `${spec.models.length} models: **\${models[0].name}** (the champion, first) and the challengers \${models.slice(1).map((m) => m.name).join(", ")}`
    : "the model **${models[0].name}**";
  const sources = [...new Set(spec.models.map((m) => SOURCE_TEXT[m.featureSource]))].join("; ");
  const score = spec.task === "classification"
    ? "The score is the probability of **${models[0].positiveClass}**."
    : "The score is the predicted value of `${target}`.";
  return `# ${spec.title}

This notebook questions ${modelText} on \`${spec.data.split("/").pop()}\`
(\${table.numRows()} rows). ${several ? "They read" : "It reads"} ${first.featureCount} feature${first.featureCount === 1 ? "" : "s"},
in the order given by ${sources}, and predicts \`\${target}\`. ${score}
${spec.command ? `\nWritten by \`${spec.command}\`; edit any cell and everything below it recomputes.` : ""}`;
}

function fitProse(spec: ScaffoldSpec): string {
  const metric = spec.task === "classification"
    ? "AUC **${fit.map((f) => f.values.auc.toFixed(3)).join(\" / \")}**, log loss ${fit.map((f) => f.values.logLoss.toFixed(3)).join(\" / \")}"
    : "RMSE **${fit.map((f) => f.values.rmse.toPrecision(4)).join(\" / \")}**, R² ${fit.map((f) => f.values.r2.toFixed(3)).join(\" / \")}";
  return `## Does it fit?

On a seeded sample of \${batch.n} rows where \`\${target}\` is known: ${metric}${spec.models.length > 1 ? " (in model order)" : ""}.
crossexam cannot tell which rows the model was trained on: if these were among them, the numbers are
optimistic. Put held-out rows in the table to read them as test scores.`;
}

/** The notebook for `spec`. */
export function scaffoldNotebook(spec: ScaffoldSpec): Notebook {
  const n = spec.sampleRows ?? 500;
  const c = new Cells();
  const several = spec.models.length > 1;
  c.md(intro(spec));
  c.js(`const {table} = await crossexam.loadTable(FileAttachment(${lit(spec.data)}));`);
  if (spec.class === undefined && spec.classes) {
    c.md(`The model scores ${spec.classes.length} classes; the explanations below are of one class's probability at a time.
Pick another and every cell recomputes for it.`);
    c.js(`const scoredClass = view(Inputs.select(${lit(spec.classes)}, {label: "class scored", value: ${lit(spec.classes[spec.classes.length - 1])}}));`);
  }
  c.js(loadModelsCell(spec));
  const stratify = spec.task === "classification" ? ", stratify: target" : "";
  c.js(`// the column the models predict; the rows where it is known; a seeded sample of them that every explanation reads
const target = ${lit(spec.target)};
const labelled = table.filter(aq.escape((d) => d[target] != null && !Number.isNaN(d[target])));
const batch = crossexam.toBatch(crossexam.sample(labelled, ${n}, {seed: 1${stratify}}).table, [...new Set(models.flatMap((m) => m.features)), target]);`);

  c.md(fitProse(spec));
  c.js(`const fit = await crossexam.modelPerformance(models, batch, {target, ...crossexam.cancellable(invalidation, progress)});
display(crossexam.performancePlot(fit));`);
  c.md(`Residuals (observed − predicted) against the prediction: a trend in the binned mean says the model is
off in a systematic way for some range of scores.`);
  c.js(`const errors = await crossexam.residuals(models, batch, {target, ...crossexam.cancellable(invalidation, progress)});
display(crossexam.residualPlot(errors, {against: "prediction"}));`);

  if (several) {
    c.md(`## Champion and challengers

Every plot below draws one layer per model. Here each challenger is compared with the champion row by
row: the difference in score (challenger − champion) and the slices of data where it is largest.`);
    c.js(`const comparisons = [];
for (const challenger of models.slice(1)) {
  comparisons.push(await crossexam.compareModels(models[0], challenger, batch, {gridSize: 12, top: 5, ...crossexam.cancellable(invalidation)}));
}
display(Inputs.table(comparisons.flatMap((c) => c.slices.slice(0, 3).map((s) => ({
  challenger: c.models[1], "mean |difference| (all rows)": c.meanAbsDifference, slice: s.text, rows: s.support, "mean |difference| (slice)": s.mean,
}))), {format: {"mean |difference| (all rows)": (x) => x.toFixed(3), "mean |difference| (slice)": (x) => x.toFixed(3)}}));`);
  }

  c.md(`## Which features does it read?

Permutation importance: how much the loss grows when one feature's values are shuffled
(5 repeats, whiskers over the repeats). Features are ranked below by the ${several ? "champion's " : ""}importance.`);
  c.js(`const importances = await crossexam.importance(models, batch, {target, repeats: 5, seed: 1, ...crossexam.cancellable(invalidation, progress)});
// the features, most important first (for the first model)
const ranked = importances[0].values.features.map((f) => f.feature);
display(crossexam.importancePlot(importances));`);

  c.md(`Shuffling **\${ranked[0]}** costs the most, then **\${ranked[1] ?? "–"}** and **\${ranked[2] ?? "–"}**.
Importance says how much a feature matters, not how: that is the next question.

## How does the prediction move with the top features?

Partial dependence (thick line: the average prediction as one feature moves over a grid, the others
kept as they are) over individual conditional expectation (thin lines: one per row). Curves that
cross or fan out mean the feature acts differently for different rows: it interacts.`);
  c.js(`for (const feature of ranked.slice(0, 3)) {
  const profiles = await crossexam.effects(models, batch, feature, {grid: {size: 20}, rows: d3.range(0, batch.n, 10), ...crossexam.cancellable(invalidation, progress)});
  display(crossexam.pdpPlot(profiles, {rug: batch.columns[feature]}));
}`);
  c.md(`PD moves one feature while the others keep their values, so with correlated features it asks the model
about rows that do not exist. Accumulated local effects (ALE) only compare predictions within narrow
bins of the data: where PD and ALE disagree, suspect correlation.`);
  c.js(`for (const feature of ranked.slice(0, 3)) {
  display(crossexam.alePlot(await crossexam.ale(models, batch, feature, {bins: 20, ...crossexam.cancellable(invalidation, progress)})));
}`);

  c.md(`## Why this prediction?

Pick a row of the table (any row, counted from 0), then change its features in the form: SHAP and
break-down below explain the edited row.`);
  c.js(`const row = view(Inputs.number([0, table.numRows() - 1], {step: 1, value: 0, label: "row of the table"}));`);
  c.js(`// the observation: the chosen row, editable feature by feature (sliders span the sample's range)
const observed = table.object(row);
const whatIf = view(Inputs.form(Object.fromEntries([...new Set(models.flatMap((m) => m.features))].map((f) => {
  const column = Array.from(batch.columns[f]);
  const value = observed[f];
  if (batch.columns[f] instanceof Float64Array) {
    const present = column.filter(Number.isFinite);
    const known = Number.isFinite(value);
    return [f, Inputs.range(d3.extent(known ? [...present, value] : present), {label: f, value: known ? value : d3.median(present), step: present.every(Number.isInteger) ? 1 : undefined})];
  }
  return [f, Inputs.select([...new Set([value, ...column].filter((v) => v != null))].sort(), {label: f, value})];
}))));`);
  c.js(`const attributions = await crossexam.shap(models, batch, {observation: whatIf, method: "auto", background: 100, seed: 1, ...crossexam.cancellable(invalidation, progress)});
display(crossexam.shapPlot(attributions));`);
  c.md(`SHAP shares the gap between this row's prediction (\${attributions.map((a) => a.values.prediction.toPrecision(3)).join(" / ")})
and the average prediction (\${attributions.map((a) => a.values.base.toPrecision(3)).join(" / ")}) among the features
(method: \${attributions[0].params.method}). Break-down adds the features one at a time, the most
telling first: when its order matters, the features interact for this row.`);
  c.js(`const steps = await crossexam.breakdown(models, batch, {observation: whatIf, background: 100, seed: 1, ...crossexam.cancellable(invalidation, progress)});
display(crossexam.breakdownPlot(steps));`);

  c.md(`## Everything at once

The linked panel grid: click a bar to select a feature, a point to select a row, edit the row in its
what-if form. Its value, \`selection\`, can feed cells of your own below.`);
  c.js(`const selection = view(crossexam.explorer({data: table, models, target, maxRows: 400, invalidation}));`);
  return { title: spec.title, theme: "air", readOnly: false, cells: c.list };
}
