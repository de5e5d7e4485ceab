/** Append-only records: recording costs the same at any size; old ones are pruned by age. */
export interface AppendLog<T extends { at: string }> {
  record(entry: T): Promise<void>;
  /** `onUnreadable` is told of each record that could not be read and was skipped (a torn line). */
  since(from: Date, onUnreadable?: () => void): AsyncIterable<T>;
  /** Deletes records older than `before` (whole days or months at a time). */
  prune(before: Date): Promise<void>;
}
