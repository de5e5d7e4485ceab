const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Spaces messages at a fixed rate for all broadcasts together, and holds everyone back when
 * Telegram answers 429 (its flood limit is per bot, so one 429 concerns every sender).
 */
export class Pace {
  private nextSlot = 0;
  private pausedUntil = 0;

  constructor(private readonly ratePerSecond: number) {}

  /** Waits for this sender's turn. */
  async turn(): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (this.pausedUntil > now) {
        await sleep(this.pausedUntil - now);
        continue;
      }
      const slot = Math.max(now, this.nextSlot);
      this.nextSlot = slot + 1000 / this.ratePerSecond;
      if (slot > now) await sleep(slot - now);
      return;
    }
  }

  /** Telegram said "retry after N seconds". */
  pause(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + seconds * 1000);
  }
}
