import type { Context, NextFunction } from "grammy";
import type { Logger } from "../../logger.ts";
import type { UpdateLedger } from "../../store/bot-storage.ts";
import { answerOf } from "../webhook-answer.ts";

/**
 * With several instances (a shared store): an update Telegram sent again is not answered twice
 * (a copy whose first answer was lost gets that answer again), and one chat's updates are handled
 * one at a time even when they land on different instances. Installed before anything reads the
 * chat's state, which the lock protects.
 */
export function onceAcrossInstances(
  ledger: UpdateLedger,
  chatKey: (ctx: Context) => string | undefined,
  logger: Logger,
) {
  return async (ctx: Context, next: NextFunction): Promise<void> => {
    const answer = answerOf(ctx.api);
    const outcome = await ledger.handleOnce(ctx.update.update_id, chatKey(ctx), async () => {
      await next();
      return answer?.close();
    });
    if (!outcome.duplicate) return;
    answer?.answerWith(outcome.answer);
    logger.info({ update_id: ctx.update.update_id }, "update handled before: its answer given again");
  };
}
