import { InlineKeyboard } from "grammy";
import type { TFunction } from "../../i18n/index.ts";
import { callbacks } from "./callback-data.ts";

/** "Notify me" or "Stop notifications" under a dossier's card. */
export function followButton(t: TFunction, code: string, following: boolean, token: string): InlineKeyboard {
  return following
    ? new InlineKeyboard().text(t("dossier.stop_notify"), callbacks.unfollow.pack({ code }))
    : new InlineKeyboard().text(t("dossier.notify"), callbacks.follow.pack({ code, token }));
}
