/** Limits on dossier look-ups per user, against people guessing codes. */
export interface LookupLimits {
  /** At most this many look-ups... */
  maxLookups: number;
  /** ...in this sliding window. */
  windowMs: number;
  /** After this many "not found" in a row... */
  notFoundStreak: number;
  /** ...the user waits this long. */
  cooldownMs: number;
}

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; reason: "rate" | "cooldown" };

interface UserState {
  times: number[];
  notFoundInARow: number;
  coolUntil: number;
}

/**
 * Per-user look-up limits, in memory: a restart forgives everyone, which is acceptable for a
 * brake on guessing (the recorded look-ups keep the evidence). Users are keyed by their
 * pseudonym, never by the raw Telegram id.
 */
export class LookupLimiter {
  private readonly users = new Map<string, UserState>();

  constructor(private readonly limits: LookupLimits) {}

  /** May this user look up now? */
  check(user: string, now: number): LimitVerdict {
    const state = this.state(user, now);
    if (state.coolUntil > now) return { allowed: false, retryAfterMs: state.coolUntil - now, reason: "cooldown" };
    if (state.times.length >= this.limits.maxLookups) {
      return { allowed: false, retryAfterMs: (state.times[0] ?? now) + this.limits.windowMs - now, reason: "rate" };
    }
    return { allowed: true };
  }

  /** Counts a look-up that was made, and whether it found a dossier. */
  note(user: string, found: boolean, now: number): void {
    const state = this.state(user, now);
    state.times.push(now);
    state.notFoundInARow = found ? 0 : state.notFoundInARow + 1;
    if (state.notFoundInARow >= this.limits.notFoundStreak) {
      state.coolUntil = now + this.limits.cooldownMs;
      state.notFoundInARow = 0;
    }
  }

  private state(user: string, now: number): UserState {
    let state = this.users.get(user);
    if (!state) this.users.set(user, (state = { times: [], notFoundInARow: 0, coolUntil: 0 }));
    state.times = state.times.filter((t) => t > now - this.limits.windowMs);
    return state;
  }
}
