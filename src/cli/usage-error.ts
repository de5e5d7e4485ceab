/** A command line that cannot be run as typed: exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Parses a positive whole number flag or throws a UsageError naming it. */
export function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag} takes a whole number from 1 up, not "${value}"`);
  return n;
}
