/**
 * Every call the bot made and the answer it got, in order: what tests assert on, and what
 * they wait for instead of sleeping.
 */
import type { ApiCall, WaitForCallOptions } from "./types.ts";

export class CallLog {
  readonly calls: ApiCall[] = [];
  private readonly listeners = new Set<(call: ApiCall) => void>();
  /** Calls received and not yet answered, by lower-cased method. */
  private readonly unanswered = new Map<string, number>();

  /** A call arrived (`+1`) or was answered (`-1`). */
  track(method: string, delta: 1 | -1): void {
    const key = method.toLowerCase();
    this.unanswered.set(key, this.inProgress(key) + delta);
  }

  inProgress(method: string): number {
    return this.unanswered.get(method.toLowerCase()) ?? 0;
  }

  record(call: ApiCall): void {
    this.calls.push(call);
    for (const listener of [...this.listeners]) {
      try {
        listener(call);
      } catch (error) {
        // A broken observer must not break the bot's request.
        console.error("local Bot API: onCall listener failed", error);
      }
    }
  }

  onCall(listener: (call: ApiCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  waitForCall(predicate: (call: ApiCall) => boolean, options: WaitForCallOptions = {}): Promise<ApiCall> {
    const { timeoutMs = 5000, after = 0 } = options;
    const earlier = this.calls.slice(after).find(predicate);
    if (earlier) return Promise.resolve(earlier);
    return new Promise((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        unsubscribe();
        settle();
      };
      const timer = setTimeout(() => {
        const recent = describeCalls(this.calls);
        finish(() =>
          reject(new Error(`waitForCall: no matching call within ${timeoutMs} ms. Recent calls:\n${recent}`)),
        );
      }, timeoutMs);
      const unsubscribe = this.onCall((call) => {
        try {
          if (predicate(call)) finish(() => resolve(call));
        } catch (error) {
          finish(() => reject(error));
        }
      });
    });
  }
}

/** One line per recent call, so a timed-out wait says what the bot did instead. */
function describeCalls(calls: readonly ApiCall[]): string {
  const shown = calls.filter((c) => c.method !== "getUpdates").slice(-10);
  if (shown.length === 0) return "  (none besides getUpdates)";
  return shown
    .map((c) => {
      const payload = JSON.stringify(c.payload);
      const outcome = c.response.ok ? "ok" : `${c.response.error_code} ${c.response.description}`;
      return `  ${c.method} ${payload.length > 160 ? `${payload.slice(0, 157)}...` : payload} -> ${outcome}`;
    })
    .join("\n");
}
