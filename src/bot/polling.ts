import { type Bot, BotError, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../logger.ts";
import type { BotContext } from "./context.ts";

/** Pause after a failed fetch, fixed: a growing pause would keep the bot deaf long after an outage. */
const RETRY_MS = 1_000;
/** Most updates Telegram hands over per fetch. */
const BATCH = 100;

export interface Polling {
  /** Resolves when polling has stopped; rejects when Telegram refuses the token or another bot polls. */
  running: Promise<void>;
  /** Stops asking for updates and resolves once the batch in hand is handled. */
  stop(): Promise<void>;
}

/**
 * Long polling that handles a batch's updates at once (one chat's still in order: see
 * `sequentialize` in createBot) and asks for the next batch, which confirms this one to
 * Telegram, only once all are handled. A crash never loses an update: at worst the unfinished
 * batch is handled again. grammY's `bot.start` handles one update after another; the runner
 * confirms updates before they are handled.
 */
export function pollInBatches(bot: Bot<BotContext>, options: { timeoutSeconds: number; logger: Logger }): Polling {
  const abort = new AbortController();
  // grammY types its signal with the abort-controller shim; Node's own is what it uses at runtime.
  const signal = abort.signal as Parameters<typeof bot.api.getUpdates>[1];
  const fetchBatch = async (offset: number): Promise<Update[] | undefined> => {
    while (!abort.signal.aborted) {
      try {
        return await bot.api.getUpdates(
          { offset, limit: BATCH, timeout: options.timeoutSeconds, allowed_updates: [] },
          signal,
        );
      } catch (error) {
        if (abort.signal.aborted) break;
        if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 409)) throw error;
        options.logger.warn({ err: error }, "fetching updates failed; retrying");
        await pause(retryDelay(error), abort.signal);
      }
    }
    return undefined;
  };
  const running = (async () => {
    let offset = 0;
    for (let batch = await fetchBatch(offset); batch; batch = await fetchBatch(offset)) {
      await Promise.all(batch.map((update) => handle(bot, update, options.logger)));
      offset = (batch.at(-1)?.update_id ?? offset - 1) + 1;
    }
  })();
  return {
    running,
    async stop() {
      abort.abort();
      await running.catch(() => undefined);
    },
  };
}

async function handle(bot: Bot<BotContext>, update: Update, logger: Logger): Promise<void> {
  try {
    await bot.handleUpdate(update);
  } catch (error) {
    if (error instanceof BotError) await bot.errorHandler(error);
    else logger.error({ err: error, update_id: update.update_id }, "update failed");
  }
}

const retryDelay = (error: unknown) =>
  error instanceof GrammyError && error.parameters.retry_after ? error.parameters.retry_after * 1000 : RETRY_MS;

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
