import { z } from "zod";
import { LocaleSchema } from "../locale.ts";
import type { Dossier } from "./dossier.ts";
import type { DossierFollower } from "./follower.ts";
import { DOSSIER_STATUSES } from "./status.ts";

/** A message to send: a dossier's status changed and this chat asked to be told. */
export const dossierNotificationSchema = z.strictObject({
  /** Unique and stable: the same change is never queued twice for one chat. */
  id: z.string(),
  chatId: z.number().int(),
  dossierCode: z.string(),
  status: z.enum(DOSSIER_STATUSES),
  locale: LocaleSchema,
  queuedAt: z.string(),
});
export type DossierNotification = z.infer<typeof dossierNotificationSchema>;

/**
 * The notification telling one follower of a dossier's new status. Its id names the change and
 * the chat, so the same change is queued once per chat whatever the store.
 */
export function dossierNotification(
  dossier: Dossier,
  follower: Pick<DossierFollower, "chatId" | "locale">,
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
