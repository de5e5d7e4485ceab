import type { NextFunction } from "grammy";
import type { BotContext } from "../context.ts";

/**
 * One debug line per update: what kind it is and how long handling took. No ids of people and
 * no texts: the update id is enough to find it in Telegram's terms.
 */
export async function logUpdate(ctx: BotContext, next: NextFunction): Promise<void> {
  const started = performance.now();
  await next();
  const kind = Object.keys(ctx.update).find((k) => k !== "update_id");
  ctx.logger.debug({ kind, ms: Math.round(performance.now() - started) }, "update handled");
}
