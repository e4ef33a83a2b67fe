// Keeping a bar chart readable: the k largest items by some score, and the rest summed into one
// "others (n)" item.

export interface TopK<T> {
  shown: T[];
  /** the items folded into "others", in their original order */
  rest: T[];
}

/** The `k` items with the largest `score`, in decreasing order (ties keep input order), and the rest. */
export function topK<T>(items: readonly T[], k: number, score: (item: T) => number): TopK<T> {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`topK must be a whole number ≥ 1; got ${k}`);
  const order = items.map((item, i) => ({ item, i, s: score(item) }))
    .sort((a, b) => (b.s - a.s) || (a.i - b.i));
  // folding a single item into "others (1)" hides its name for nothing: show it instead
  const cut = order.length === k + 1 ? k + 1 : k;
  const shownSet = new Set(order.slice(0, cut).map((o) => o.i));
  return {
    shown: order.slice(0, cut).map((o) => o.item),
    rest: items.filter((_, i) => !shownSet.has(i)),
  };
}

/** The label of the summary item. */
export function othersLabel(n: number): string {
  return `others (${n})`;
}
