/**
 * What the store keeps for the bot itself rather than for the domain: grammY's conversation
 * state and, where several instances share the store, the coordination between them. The only
 * storage types that know grammY; the domain's own are in domain/store.ts.
 */
import type { StorageAdapter } from "grammy";
import type { Store } from "../domain/store.ts";

/** grammY's storage for conversation state, able to list its chats (moving state between stores). */
export type ConversationStorage = StorageAdapter<unknown> & { readAllKeys(): AsyncIterable<string> };

/**
 * Where several instances serve one bot: handles each update once, and one chat's updates one at
 * a time, whichever instance they land on.
 */
export interface UpdateLedger {
  /**
   * Runs `handle` unless the update was handled already (Telegram re-sends an update whose
   * request timed out or whose answer was lost, maybe to another instance), while no other
   * instance handles an update of the same chat. The update counts as handled only once
   * `handle` has finished; what it returns (the webhook answer) is stored with it, and a
   * duplicate gets that back.
   */
  handleOnce(
    updateId: number,
    chatKey: string | undefined,
    handle: () => Promise<string | undefined>,
  ): Promise<LedgerOutcome>;
  /** Forgets updates handled before `before` (Telegram gives up re-sending within a day). */
  prune(before: Date): Promise<void>;
}

/** Whether an update was handled now, or before (then with the answer stored for it). */
export type LedgerOutcome = { duplicate: false } | { duplicate: true; answer: string | undefined };

/**
 * Where several instances send notices: each notice is sent by one instance at a time, and all
 * share one pace, so that together they stay within BROADCAST_RATE and Telegram's limits.
 */
export interface BroadcastCoordination {
  /**
   * Holds the notice for this instance while it sends it; undefined when another instance holds
   * it. An instance that dies lets go, and another resumes the notice.
   */
  hold(noticeId: string): Promise<(() => Promise<void>) | undefined>;
  /** Waits for this sender's turn in the pace all instances share. */
  turn(intervalMs: number): Promise<void>;
  /** Telegram said "retry after": holds every instance back. */
  pause(seconds: number): Promise<void>;
}

/** A store as the bot opens it: the domain's state and the bot's own. */
export interface BotStore extends Store {
  /** grammY conversation state, by chat. */
  conversations: ConversationStorage;
  /** Only in a store several instances share (PostgreSQL); one process needs none. */
  updates?: UpdateLedger;
  /** Likewise. */
  broadcasting?: BroadcastCoordination;
}
