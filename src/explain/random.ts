// Seeded randomness, so every sampled explanation is reproducible from its `seed` param.

/** A uniform [0, 1) generator (mulberry32): fast, 32-bit state, good enough for sampling. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random permutation of 0..n-1 (Fisher–Yates). */
export function permutation(n: number, random: () => number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i]; p[i] = p[j]; p[j] = t;
  }
  return p;
}

/** `k` distinct indices out of 0..n-1, in increasing order (all of them when k ≥ n). */
export function sampleIndices(n: number, k: number, random: () => number): Int32Array {
  if (k >= n) return permutation(n, () => 0).map((_, i) => i);
  const p = permutation(n, random).subarray(0, k);
  return Int32Array.from(p).sort();
}
