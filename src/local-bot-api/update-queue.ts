/**
 * The updates waiting for the bot, and getUpdates long polling over them, with Telegram's
 * rules: an offset confirms every update before it, and a newer poll ends an older one (409).
 */
import type { Update } from "grammy/types";
import { BotApiError } from "./errors.ts";
import { integer, type Json } from "./params.ts";
import type { Payload } from "./payload.ts";

type WakeReason = "update" | "timeout" | "closed" | "conflict" | "aborted";

/** A getUpdates call waiting for an update. */
interface Poller {
  wake(reason: WakeReason): void;
}

export class UpdateQueue {
  /** Unconfirmed updates, oldest first. */
  private readonly updates: Update[] = [];
  private nextUpdateId = 1;
  private readonly pollers = new Set<Poller>();
  private closed = false;

  /** Adds an update (its update_id is assigned here) and wakes the waiting poll. */
  push(partial: Json): Update {
    const update = { update_id: this.nextUpdateId++, ...partial } as Update;
    this.updates.push(update);
    for (const poller of [...this.pollers]) poller.wake("update");
    return structuredClone(update);
  }

  /** Updates not yet confirmed by a getUpdates offset. */
  pending(): number {
    return this.updates.length;
  }

  async getUpdates(p: Payload, signal: AbortSignal): Promise<Update[]> {
    const offset = integer(p.offset);
    // Fetching with an offset confirms every update before it.
    if (offset !== undefined && offset > 0) {
      while (this.updates[0] && this.updates[0].update_id < offset) this.updates.shift();
    }
    // Like Telegram, a newer getUpdates ends an older one still waiting.
    for (const poller of [...this.pollers]) poller.wake("conflict");
    const limit = Math.min(Math.max(integer(p.limit) ?? 100, 1), 100);
    const timeout = Math.max(integer(p.timeout) ?? 0, 0);
    if (this.updates.length === 0 && timeout > 0 && !this.closed) {
      const reason = await this.waitForUpdates(timeout * 1000, signal);
      if (reason === "conflict") {
        throw new BotApiError(
          409,
          "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        );
      }
    }
    return structuredClone(this.updates.slice(0, limit));
  }

  /** Ends the waiting polls with what they have (nothing), so the server can stop at once. */
  close(): void {
    this.closed = true;
    for (const poller of [...this.pollers]) poller.wake("closed");
  }

  private waitForUpdates(ms: number, signal: AbortSignal): Promise<WakeReason> {
    return new Promise((resolve) => {
      // grammY aborts its long poll when the bot stops: the poll must not linger as a poller.
      const onAbort = () => poller.wake("aborted");
      const poller: Poller = {
        wake: (reason) => {
          clearTimeout(timer);
          signal.removeEventListener("abort", onAbort);
          this.pollers.delete(poller);
          resolve(reason);
        },
      };
      const timer = setTimeout(() => poller.wake("timeout"), ms);
      signal.addEventListener("abort", onAbort, { once: true });
      this.pollers.add(poller);
    });
  }
}
