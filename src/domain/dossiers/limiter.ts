/** Limits on dossier look-ups per user, against people guessing codes. */
export interface LookupLimits {
  /** At most this many look-ups... */
  maxLookups: number;
  /** ...in this sliding window. */
  windowMs: number;
  /** After this many unknown codes within the window... */
  notFoundStreak: number;
  /** ...the user waits this long. */
  cooldownMs: number;
}

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; reason: "rate" | "cooldown" };

/** One user's recent look-ups, as kept in the store (times in ms since the epoch). */
export interface LimiterEntry {
  /** Each look-up within the window. */
  lookups: number[];
  /** Each unknown code within the window since the last cool-down. */
  unknown: number[];
  /** Until when the user cools down (0: not cooling down). */
  coolUntil: number;
  /** After this, the entry says nothing any more and may be pruned. */
  keepUntil: number;
}

/**
 * Where the limiter keeps its entries: in the store, so that every instance sees the same counts
 * and a restart forgives nobody.
 */
export interface LimiterStateStore {
  /**
   * Runs `change` on the user's entry (undefined: none yet) and stores the entry it returns, while
   * no other change of that user's entry runs, in this instance or another.
   */
  change<T>(user: string, change: (entry: LimiterEntry | undefined) => { entry: LimiterEntry; result: T }): Promise<T>;
  /** Forgets entries whose keepUntil is before `now`. */
  prune(now: Date): Promise<void>;
}

/**
 * Per-user look-up limits. Unknown codes are counted over the window, not "in a row": a guesser
 * who slips in a code they know (their own dossier) does not wipe the count. Users are keyed by
 * their pseudonym, never by the raw Telegram id.
 */
export class LookupLimiter {
  constructor(
    private readonly limits: LookupLimits,
    private readonly store: LimiterStateStore,
  ) {}

  /**
   * Takes one look-up from the user's allowance, or says how long to wait. Counting it here, in
   * the same step as the check, keeps two instances from both letting the last one through.
   */
  take(user: string, now: number): Promise<LimitVerdict> {
    return this.store.change(user, (stored) => {
      const entry = this.recent(stored, now);
      const verdict = this.verdict(entry, now);
      if (verdict.allowed) entry.lookups.push(now);
      return { entry: this.kept(entry), result: verdict };
    });
  }

  /** Records whether the look-up taken found a dossier; enough unknown codes start a cool-down. */
  async note(user: string, found: boolean, now: number): Promise<void> {
    if (found) return;
    await this.store.change(user, (stored) => {
      const entry = this.recent(stored, now);
      entry.unknown.push(now);
      if (entry.unknown.length >= this.limits.notFoundStreak) {
        entry.coolUntil = now + this.limits.cooldownMs;
        entry.unknown = [];
      }
      return { entry: this.kept(entry), result: undefined };
    });
  }

  private verdict(entry: LimiterEntry, now: number): LimitVerdict {
    if (entry.coolUntil > now) return { allowed: false, retryAfterMs: entry.coolUntil - now, reason: "cooldown" };
    if (entry.lookups.length >= this.limits.maxLookups) {
      return { allowed: false, retryAfterMs: (entry.lookups[0] ?? now) + this.limits.windowMs - now, reason: "rate" };
    }
    return { allowed: true };
  }

  /** The entry without what fell out of the window. */
  private recent(entry: LimiterEntry | undefined, now: number): LimiterEntry {
    const since = now - this.limits.windowMs;
    return {
      lookups: (entry?.lookups ?? []).filter((t) => t > since),
      unknown: (entry?.unknown ?? []).filter((t) => t > since),
      coolUntil: entry?.coolUntil ?? 0,
      keepUntil: 0,
    };
  }

  private kept(entry: LimiterEntry): LimiterEntry {
    const last = Math.max(0, ...entry.lookups, ...entry.unknown);
    return { ...entry, keepUntil: Math.max(entry.coolUntil, last + this.limits.windowMs) };
  }
}
