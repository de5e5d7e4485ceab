import { InlineKeyboard } from "grammy";
import type { TFunction } from "../../i18n/index.ts";

/** Dossier buttons; codes are ASCII and short (about 25 bytes), the token 10. */
export const dossierData = {
  ask: "st:",
  follow: (code: string, token: string) => `df:${code}:${token}`,
  unfollow: (code: string) => `du:${code}`,
} as const;

export const dossierPatterns = {
  ask: /^st:$/,
  follow: /^df:([^:]+):([\w-]+)$/,
  unfollow: /^du:([^:]+)$/,
} as const;

/** "Notify me" or "Stop notifications" under a dossier's card. */
export function followButton(t: TFunction, code: string, following: boolean, token: string): InlineKeyboard {
  return following
    ? new InlineKeyboard().text(t("dossier.stop_notify"), dossierData.unfollow(code))
    : new InlineKeyboard().text(t("dossier.notify"), dossierData.follow(code, token));
}
