import { Api, GrammyError, HttpError } from "grammy";
import type { AppServices } from "../../app.ts";
import type { DeliveryRecord } from "../../domain/notices/delivery.ts";
import type { Notice } from "../../domain/notices/notice.ts";
import { asGrammyFetch, botApiFetch } from "../bot-api-fetch.ts";
import { htmlByDefault } from "../helpers/api-defaults.ts";
import { noticeText } from "../views/notice.ts";
import { Pace } from "./pace.ts";

export interface BroadcastProgress {
  total: number;
  sent: number;
  blocked: number;
  failed: number;
  done: boolean;
  cancelled: boolean;
}

/** Server errors and lost connections are retried this many times, with growing pauses. */
const MAX_ATTEMPTS = 5;
const BACKOFF_MS = 500;
/** Telegram allows about one message a second to one chat: a pin after a text waits this long. */
const SAME_CHAT_GAP_MS = 1100;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends notices to their recipients from the delivery log, within Telegram's limits: at most
 * BROADCAST_RATE messages a second overall, BROADCAST_IN_FLIGHT at once; a 429 pauses everyone
 * for its retry_after; 5xx and network errors are retried with backoff; a 403 (blocked the bot)
 * marks the resident inactive. Each outcome is recorded before the next message of that worker,
 * so a restart resumes with the recipients not yet recorded: after a graceful stop nobody gets
 * a notice twice; after a hard kill at most the messages in flight (BROADCAST_IN_FLIGHT) repeat.
 */
export class BroadcastRunner {
  private readonly pace: Pacer;
  private readonly cancelled = new Set<string>();
  private readonly running = new Map<string, Promise<BroadcastProgress>>();
  private stopping = false;

  /** @param api an Api without auto-retry: this runner decides how to wait and retry. */
  constructor(
    readonly api: Api,
    private readonly services: AppServices,
  ) {
    const rate = services.broadcast.ratePerSecond;
    const shared = services.store.broadcasting;
    // Several instances: one pace for all of them, kept in the shared store.
    this.pace = shared ? { turn: () => shared.turn(1000 / rate), pause: (s) => shared.pause(s) } : new Pace(rate);
  }

  /** Starts (or resumes) sending a notice; resolves with the final figures. */
  run(notice: Notice, onProgress?: (p: BroadcastProgress) => Promise<void> | void): Promise<BroadcastProgress> {
    const existing = this.running.get(notice.id);
    if (existing) return existing;
    // Never rejects: a broadcast that fails (the disk, say) is logged and resumed at the next start.
    const run = this.deliver(notice, onProgress)
      .catch((err: unknown) => {
        this.services.logger.error({ err, notice: notice.id }, "broadcast interrupted");
        return { total: 0, sent: 0, blocked: 0, failed: 0, done: false, cancelled: false };
      })
      .finally(() => this.running.delete(notice.id));
    this.running.set(notice.id, run);
    return run;
  }

  /** Resumes every notice left "sending" by a previous run of the bot. */
  async resumeAll(): Promise<void> {
    for (const notice of await this.services.store.notices.sending()) void this.run(notice);
  }

  /** Stops sending this notice; messages in flight finish. */
  cancel(noticeId: string): void {
    this.cancelled.add(noticeId);
  }

  /** Graceful stop: no new messages, the ones in flight are sent and recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled(this.running.values());
  }

  /**
   * With several instances, sends the notice only while holding it: another instance holding it
   * sends it; if that one dies, the next `resumeAll` of a live one takes it over.
   */
  private async deliver(
    notice: Notice,
    onProgress?: (p: BroadcastProgress) => Promise<void> | void,
  ): Promise<BroadcastProgress> {
    const coordination = this.services.store.broadcasting;
    const release = await coordination?.hold(notice.id);
    if (coordination && !release) return { total: 0, sent: 0, blocked: 0, failed: 0, done: false, cancelled: false };
    try {
      return await this.deliverHeld(notice, onProgress);
    } finally {
      await release?.();
    }
  }

  private async deliverHeld(
    notice: Notice,
    onProgress?: (p: BroadcastProgress) => Promise<void> | void,
  ): Promise<BroadcastProgress> {
    const { deliveries, notices } = this.services.store;
    const recipients = await deliveries.recipients(notice.id);
    const records = await deliveries.records(notice.id);
    const handled = new Set(records.map((r) => r.chatId));
    const queue = recipients.filter((id) => !handled.has(id));
    const progress: BroadcastProgress = {
      total: recipients.length,
      sent: 0,
      blocked: 0,
      failed: 0,
      done: false,
      cancelled: false,
    };
    for (const r of records) progress[r.result]++;
    let lastReport = 0;
    const report = async (force: boolean) => {
      if (!onProgress || (!force && Date.now() - lastReport < 2000)) return;
      lastReport = Date.now();
      await Promise.resolve(onProgress({ ...progress })).catch(() => undefined);
    };
    const worker = async () => {
      for (let chatId = queue.shift(); chatId !== undefined; chatId = queue.shift()) {
        if (this.stopping || this.cancelled.has(notice.id)) return;
        const result = await this.sendTo(chatId, notice);
        await deliveries.record(notice.id, { chatId, result, at: new Date().toISOString() });
        progress[result]++;
        await report(false);
      }
    };
    await Promise.all(Array.from({ length: this.services.broadcast.inFlight }, worker));
    progress.cancelled = this.cancelled.has(notice.id);
    progress.done = queue.length === 0 || progress.cancelled;
    if (progress.cancelled) await notices.setStatus(notice.id, "cancelled");
    else if (progress.done && !this.stopping) await notices.setStatus(notice.id, "done");
    await report(true);
    return progress;
  }

  /** Sends the notice to one chat, waiting out limits and retrying what may pass later. */
  private async sendTo(chatId: number, notice: Notice): Promise<DeliveryRecord["result"]> {
    const profile = await this.services.store.users.get(chatId);
    const t = this.services.i18n.translator(profile?.locale ?? this.services.defaultLocale);
    const commune = this.services.catalog.communes.get(notice.communeCode);
    const steps: (() => Promise<unknown>)[] = [
      notice.photo
        ? () =>
            this.api.sendPhoto(chatId, notice.photo as string, {
              caption: noticeText(notice, commune, t, true),
              parse_mode: "HTML",
            })
        : () => this.api.sendMessage(chatId, noticeText(notice, commune, t, false), { parse_mode: "HTML" }),
    ];
    const pin = notice.location;
    if (pin) steps.push(() => sleep(SAME_CHAT_GAP_MS).then(() => this.api.sendLocation(chatId, pin.lat, pin.lon)));
    for (const step of steps) {
      const outcome = await this.attempt(step);
      if (outcome !== "sent") {
        if (outcome === "blocked") await this.services.store.users.update(chatId, { inactive: true });
        return outcome;
      }
    }
    return "sent";
  }

  private async attempt(send: () => Promise<unknown>): Promise<DeliveryRecord["result"]> {
    for (let attempt = 1; ; attempt++) {
      await this.pace.turn();
      try {
        await send();
        return "sent";
      } catch (error) {
        if (error instanceof GrammyError && error.error_code === 429) {
          // Worth watching: repeated, it means BROADCAST_RATE is above what Telegram allows.
          this.services.logger.warn({ retryAfter: error.parameters.retry_after }, "Telegram asked to slow down (429)");
          await this.pace.pause(error.parameters.retry_after ?? 1);
          attempt--;
          continue;
        }
        if (error instanceof GrammyError && error.error_code === 403) return "blocked";
        const retryable = error instanceof HttpError || (error instanceof GrammyError && error.error_code >= 500);
        if (!retryable || attempt >= MAX_ATTEMPTS) return "failed";
        await sleep(BACKOFF_MS * 2 ** (attempt - 1));
      }
    }
  }
}

/** What spaces messages: this process's own pace, or the one instances share. */
interface Pacer {
  turn(): Promise<void>;
  pause(seconds: number): void | Promise<void>;
}

/** A runner with its own Api: HTML by default, and no auto-retry (the runner paces itself). */
export function createBroadcastRunner(
  services: AppServices,
  token: string,
  apiRoot: string,
  timeoutSeconds?: number,
): BroadcastRunner {
  const api = new Api(token, {
    apiRoot,
    fetch: asGrammyFetch(botApiFetch),
    ...(timeoutSeconds ? { timeoutSeconds } : {}),
  });
  api.config.use(htmlByDefault);
  return new BroadcastRunner(api, services);
}
