/**
 * `record[key]` only when the record itself holds `key`. Plain objects also answer keys they
 * inherit ("toString", "constructor", "__proto__"): read with a key that came from a user (button
 * data, an import's cell), they would hand back a function or Object.prototype.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
