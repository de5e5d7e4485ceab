import type { InlineKeyboard } from "grammy";
import type { Catalog } from "../../domain/catalog/catalog.ts";
import type { LookupResult } from "../../domain/dossiers/lookup.ts";
import type { Locale } from "../../domain/locale.ts";
import type { TFunction } from "../../i18n/index.ts";
import { followButton } from "../keyboards/dossier.ts";
import { dossierCard } from "./dossier-card.ts";

export interface LookupAnswerContext {
  t: TFunction;
  locale: Locale;
  catalog: Catalog;
  now: Date;
  /** Whether the asker already follows the dossier found. */
  following: boolean;
  /** Signature for the "notify me" button. */
  token: string;
}

/** What to answer for a look-up (except "needs a key", which asks for it). */
export function lookupAnswer(
  result: LookupResult,
  c: LookupAnswerContext,
): { text: string; keyboard?: InlineKeyboard } {
  switch (result.kind) {
    case "malformed":
      return { text: c.t("dossier.malformed", { example: result.example }) };
    case "limited": {
      const minutes = Math.max(1, Math.ceil(result.retryAfterMs / 60_000));
      return { text: c.t(result.reason === "rate" ? "dossier.limited_rate" : "dossier.limited_cooldown", { minutes }) };
    }
    case "needs_key":
      return { text: c.t("dossier.ask_key") };
    case "not_found":
      return {
        text: [
          c.t("dossier.not_found"),
          c.t("dossier.not_found_portal"),
          ...(result.remoteDown ? [c.t("dossier.remote_down")] : []),
        ].join("\n"),
      };
    case "found":
      return {
        text: dossierCard(result.dossier, c),
        keyboard: followButton(c.t, result.dossier.code, c.following, c.token),
      };
  }
}
