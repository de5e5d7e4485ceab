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
