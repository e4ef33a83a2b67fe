// An explanation result as one flat table (header + rows), for CSV downloads from a plot's menu
// and `crossexam explain --format csv`: one row per model and item (feature, grid point, row, step),
// the model named in the first column so that several models' results stack. Reads only the
// plain Explanation data; the JSON download is the result itself.
import type {
  AleValues, BreakdownValues, Explanation, IceValues, ImportanceValues, PdpValues, PerformanceValues, ResidualValues, ShapValues,
} from "../explain/index";

export interface FlatTable {
  header: string[];
  rows: unknown[][];
}

type Effects = { pdp: Explanation<PdpValues>; ice: Explanation<IceValues> };

function isEffects(x: unknown): x is Effects {
  return !!x && typeof x === "object" && "pdp" in x && "ice" in x;
}

function one(e: Explanation): FlatTable {
  const m = e.model;
  switch (e.kind) {
    case "importance": {
      const v = e.values as ImportanceValues;
      return { header: ["model", "feature", "dropout", "ratio", "lower", "upper", "sd", "loss"],
        rows: v.features.map((f) => [m, f.feature, f.dropout, f.ratio, f.lower, f.upper, f.sd, v.loss]) };
    }
    case "pdp": {
      const v = e.values as PdpValues;
      return { header: ["model", "feature", "value", "average"], rows: v.grid.map((g, k) => [m, e.feature, g, v.average[k]]) };
    }
    case "ice": {
      const v = e.values as IceValues;
      return { header: ["model", "feature", "row", "value", "prediction"],
        rows: v.curves.flatMap((c, i) => v.grid.map((g, k) => [m, e.feature, v.rows[i], g, c[k]])) };
    }
    case "ale": {
      const v = e.values as AleValues;
      return v.kind === "categorical"
        ? { header: ["model", "feature", "value", "ale", "rows"], rows: v.levels.map((l, k) => [m, e.feature, l, v.ale[k], v.counts[k]]) }
        : { header: ["model", "feature", "value", "ale", "rows"], rows: v.edges.map((z, k) => [m, e.feature, z, v.ale[k], k === 0 ? null : v.counts[k - 1]]) };
    }
    case "shap": {
      const v = e.values as ShapValues;
      const se = Array.isArray(e.se) ? (e.se as number[]) : undefined;
      return { header: ["model", "feature", "value", "shap", "se", "base", "prediction"],
        rows: v.features.map((f, j) => [m, f, v.featureValues[j], v.values[j], se?.[j] ?? null, v.base, v.prediction]) };
    }
    case "breakdown": {
      const v = e.values as BreakdownValues;
      return { header: ["model", "step", "value", "contribution", "cumulative"], rows: [
        [m, "(base)", null, null, v.base],
        ...v.steps.map((s) => [m, s.label, s.value.map(String).join(":"), s.contribution, s.cumulative]),
        [m, "(prediction)", null, null, v.prediction],
      ] };
    }
    case "performance": {
      const v = e.values as PerformanceValues & Record<string, unknown>;
      const metrics = Object.entries(v).filter(([, x]) => typeof x === "number");
      return { header: ["model", "metric", "value"], rows: metrics.map(([k, x]) => [m, k, x]) };
    }
    case "residuals": {
      const v = e.values as ResidualValues;
      return { header: ["model", "row", "actual", "predicted", "residual"], rows: v.residual.map((r, i) => [m, i, v.actual[i], v.predicted[i], r]) };
    }
    default:
      return { header: ["model", "kind", "values"], rows: [[m, e.kind, JSON.stringify(e.values)]] };
  }
}

/** The results (one, a list over models, or PD+ICE pairs) as one table; tables of unlike headers are not mixed. */
export function explanationTable(results: unknown): FlatTable {
  const list = (Array.isArray(results) ? results : [results]).flatMap((r) => (isEffects(r) ? [r.pdp, r.ice] : [r as Explanation]));
  const tables = list.filter((e) => e && typeof e === "object" && "kind" in e).map(one);
  if (tables.length === 0) return { header: [], rows: [] };
  // PD and ICE have different columns: keep the first kind's header, others of the same header stack
  const header = tables[0].header;
  return { header, rows: tables.filter((t) => t.header.join() === header.join()).flatMap((t) => t.rows) };
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "";
  const s = typeof v === "number" ? String(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV: a header line, then one line per row; missing values are empty fields. */
export function toCsv(table: FlatTable): string {
  return [table.header, ...table.rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}

/** JSON of a result: typed arrays as plain arrays, non-finite numbers as null (what a cell holds). */
export function toJson(results: unknown): string {
  return JSON.stringify(results, (_k, v) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    return typeof v === "number" && !Number.isFinite(v) ? null : v;
  }, 2) + "\n";
}
