/**
 * Fault injection (`failNext`): what the real Telegram does on a bad day, on demand, so tests
 * can show the bot survives it: an error answer (e.g. 429 with retry_after), a connection cut
 * before or after the call was carried out, or an answer that comes too late.
 */
import { BotApiError, errorResponse } from "./errors.ts";
import type { Outcome } from "./http.ts";
import type { Payload } from "./payload.ts";
import type { ApiResponse, InjectedFault } from "./types.ts";

/** Carries out a call and answers it: what runs when no fault comes first. */
export type RunCall = (method: string, payload: Payload, signal: AbortSignal) => Promise<ApiResponse>;

/** Recorded for injected faults that leave the client without an answer (error_code 0: no HTTP status). */
const DROPPED: ApiResponse = {
  ok: false,
  error_code: 0,
  description: "connection dropped: not carried out, no answer",
};
const ABANDONED: ApiResponse = { ok: false, error_code: 0, description: "the client gave up waiting: not carried out" };

interface QueuedFault {
  fault: InjectedFault;
  when: (payload: Payload) => boolean;
}

export class Faults {
  /** Faults waiting for their call, by lower-cased method. */
  private readonly queues = new Map<string, QueuedFault[]>();

  add(method: string, fault: InjectedFault, times: number, when: (payload: Payload) => boolean): void {
    const queue = this.queues.get(method.toLowerCase()) ?? [];
    for (let n = 0; n < times; n++) queue.push({ fault, when });
    this.queues.set(method.toLowerCase(), queue);
  }

  /** Runs the call, unless an injected fault comes first. */
  async answer(method: string, payload: Payload, signal: AbortSignal, run: RunCall): Promise<Outcome> {
    const fault = this.take(method, payload);
    if (!fault) return { response: await run(method, payload, signal) };
    if ("error_code" in fault) {
      const parameters = fault.retry_after !== undefined ? { retry_after: fault.retry_after } : undefined;
      return { response: errorResponse(new BotApiError(fault.error_code, fault.description, parameters)) };
    }
    if ("drop" in fault)
      return { response: fault.carriedOut ? await run(method, payload, signal) : DROPPED, cut: true };
    if (!(await holdFor(fault.hangMs, signal))) return { response: ABANDONED };
    return { response: await run(method, payload, signal) };
  }

  /** The first fault queued for this call (its method, and its payload if the fault asks). */
  private take(method: string, payload: Payload): InjectedFault | undefined {
    const queue = this.queues.get(method.toLowerCase()) ?? [];
    const index = queue.findIndex((f) => f.when(payload));
    return index < 0 ? undefined : queue.splice(index, 1)[0]?.fault;
  }
}

/** Resolves true after `ms`, or false as soon as the client goes away (or the server closes its socket). */
function holdFor(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (held: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(held);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    if (signal.aborted) done(false);
    else signal.addEventListener("abort", onAbort, { once: true });
  });
}
