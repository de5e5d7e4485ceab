import type { Context, NextFunction } from "grammy";
import type { Logger } from "../../logger.ts";
import type { UpdateLedger } from "../../store/types.ts";

/**
 * With several instances (a shared store): an update Telegram sent again is not answered twice,
 * and one chat's updates are handled one at a time even when they land on different instances.
 * Installed before anything reads the chat's state, which the lock protects.
 */
export function onceAcrossInstances(ledger: UpdateLedger, chatKey: (ctx: Context) => string | undefined, logger: Logger) {
  return async (ctx: Context, next: NextFunction): Promise<void> => {
    const outcome = await ledger.handleOnce(ctx.update.update_id, chatKey(ctx), next);
    if (outcome === "duplicate") logger.info({ update_id: ctx.update.update_id }, "update handled before: not answered again");
  };
}
