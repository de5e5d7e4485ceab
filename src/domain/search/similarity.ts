/**
 * How alike two folded texts read, letter by letter: Dice's coefficient over their pairs of
 * adjacent characters. Forgives typos and word order, costs one pass over each text. Used to
 * tell apart procedures that answer a query equally well.
 */

/** Pairs of adjacent characters of `text`, with a space at each end so word edges count. */
export function letterPairs(text: string): Set<string> {
  const padded = ` ${text} `;
  const pairs = new Set<string>();
  for (let i = 0; i < padded.length - 1; i++) pairs.add(padded.slice(i, i + 2));
  return pairs;
}

/** Dice's coefficient of two sets of letter pairs, in [0, 1]: 1 for the same text. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const pair of a) if (b.has(pair)) shared++;
  return (2 * shared) / (a.size + b.size);
}
