import type { Dossier } from "../domain/dossiers/dossier.ts";
import type { DossierNotification, Locale } from "./types.ts";

/**
 * The notification telling one follower of a dossier's new status. Its id names the change and
 * the chat, so the same change is queued once per chat whatever the store.
 */
export function dossierNotification(
  dossier: Dossier,
  follower: { chatId: number; locale: Locale },
  now: Date,
): DossierNotification {
  const change = dossier.history.at(-1)?.at ?? now.toISOString();
  return {
    id: `${dossier.code}|${dossier.status}|${change}|${follower.chatId}`,
    chatId: follower.chatId,
    dossierCode: dossier.code,
    status: dossier.status,
    locale: follower.locale,
    queuedAt: now.toISOString(),
  };
}
