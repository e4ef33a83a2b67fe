// Drawing at most a given number of points from a long series, evenly, always keeping both ends
// (a ROC curve over 100k distinct scores needs no more than a few hundred points to look the same).

/** Indices 0 … n−1, at most `max` of them, evenly spaced, first and last kept. */
export function thin(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  if (max < 2) return n > 0 ? [0] : [];
  const out: number[] = [];
  for (let k = 0; k < max; k++) out.push(Math.round((k * (n - 1)) / (max - 1)));
  return out;
}
