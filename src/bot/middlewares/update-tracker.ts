import type { Context, NextFunction } from "grammy";

/**
 * Knows how many updates are being handled and how many have been: a graceful stop waits for
 * `idle` however updates arrive (polling, webhook), and tests wait on `handled` to know an answer
 * is complete (a batch's updates are handled at once, so being fetched says little).
 */
export class UpdateTracker {
  private inFlight = 0;
  private count = 0;
  private waiters: (() => void)[] = [];

  /** Updates handled since start, whether they succeeded or failed. */
  get handled(): number {
    return this.count;
  }

  /** Resolves once no update is being handled. */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The middleware to install first, around everything else. */
  readonly middleware = async (_ctx: Context, next: NextFunction): Promise<void> => {
    this.inFlight++;
    try {
      await next();
    } finally {
      this.inFlight--;
      this.count++;
      if (this.inFlight === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  };
}
