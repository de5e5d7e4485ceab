import { z } from "zod";
import type { LimiterEntry, LimiterStateStore } from "../../domain/dossiers/limiter.ts";
import { JsonDocument } from "./json-document.ts";

const time = z.number().int().nonnegative();
const entry = z.strictObject({
  lookups: z.array(time),
  unknown: z.array(time),
  coolUntil: time,
  keepUntil: time,
}) satisfies z.ZodType<LimiterEntry>;
const limitsFile = z.strictObject({ users: z.record(z.string(), entry) });
type LimitsFile = z.infer<typeof limitsFile>;

/**
 * The look-up limiter's entries in STATE_DIR/lookup-limits.json: a document of their own, small
 * (only users seen within the window or cooling down) because old entries are pruned, so a
 * look-up never rewrites anything large. Kept across restarts: a restart forgives nobody.
 */
export class LowLimiterStateStore implements LimiterStateStore {
  private constructor(private readonly doc: JsonDocument<LimitsFile>) {}

  static async open(file: string): Promise<LowLimiterStateStore> {
    return new LowLimiterStateStore(await new JsonDocument(file, limitsFile, { users: {} }).open());
  }

  async change<T>(
    user: string,
    change: (entry: LimiterEntry | undefined) => { entry: LimiterEntry; result: T },
  ): Promise<T> {
    let result: T | undefined;
    // One process owns the file (instance lock) and updates apply one after another: no race.
    await this.doc.update((data) => {
      const changed = change(data.users[user]);
      data.users[user] = changed.entry;
      result = changed.result;
    });
    return result as T;
  }

  async prune(now: Date): Promise<void> {
    await this.doc.update((data) => {
      const old = Object.keys(data.users).filter((user) => (data.users[user]?.keepUntil ?? 0) < now.getTime());
      for (const user of old) delete data.users[user];
      return old.length > 0;
    });
  }
}
