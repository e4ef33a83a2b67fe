// Printing benchmark figures: aligned text tables, rates and ratios in a few significant digits.

/** 1234567 → "1.23M", 5321 → "5.32k", 0.5 → "0.5". */
export function rate(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return "–";
  const a = Math.abs(x);
  if (a >= 1e6) return `${(x / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${(x / 1e3).toPrecision(3)}k`;
  return x.toPrecision(3);
}

/** A ratio like "0.84×", or "–" when either side is missing. */
export function ratio(ours: number | undefined, reference: number | undefined): string {
  if (ours === undefined || reference === undefined || !(reference > 0) || !Number.isFinite(ours)) return "–";
  return `${(ours / reference).toPrecision(3)}×`;
}

/** Milliseconds in 3 significant digits. */
export function ms(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? "–" : `${x.toPrecision(3)} ms`;
}

/** Rows of cells as columns: the first left-aligned, the rest right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, j) => Math.max(...all.map((r) => (r[j] ?? "").length)));
  const line = (r: string[]) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}
