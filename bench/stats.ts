/** Median and 99th percentile of a list of timings (ms). */
export function summarize(samples: number[]): { median: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: round(at(0.5)), p99: round(at(0.99)) };
}

export const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Times `fn` once per item, `rounds` times over the list, after one warm-up round. */
export function timeEach<T>(items: T[], rounds: number, fn: (item: T) => unknown): number[] {
  for (const item of items) fn(item);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const item of items) {
      const start = performance.now();
      fn(item);
      samples.push(performance.now() - start);
    }
  }
  return samples;
}

/**
 * The median, figure by figure, of several runs of one measurement (objects of the same shape,
 * numbers at any depth): one run on a shared machine can be slowed by a neighbour, the median
 * of three rarely is. Other values are taken from the first run.
 */
export function medianOfRuns<T extends object>(runs: T[]): T {
  const first = runs[0] as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(first)) {
    const values = runs.map((r) => (r as Record<string, unknown>)[key]);
    if (typeof value === "number") out[key] = summarize(values as number[]).median;
    else if (value !== null && typeof value === "object") out[key] = medianOfRuns(values as object[]);
    else out[key] = value;
  }
  return out as T;
}
