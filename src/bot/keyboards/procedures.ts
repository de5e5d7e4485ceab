import { InlineKeyboard } from "grammy";
import type { Procedure } from "../../domain/catalog/schema.ts";
import type { Locale } from "../../domain/locale.ts";
import { type Found, hitName } from "../../domain/search/procedure-search.ts";
import type { Facet } from "../../domain/search/query-words.ts";
import type { TFunction } from "../../i18n/index.ts";
import { callbacks } from "./callback-data.ts";

/** Telegram shows about 64 characters of a button label on a phone; keep names readable. */
const LABEL_LIMIT = 60;
const label = (text: string) => (text.length > LABEL_LIMIT ? `${text.slice(0, LABEL_LIMIT - 1)}…` : text);

/** One button per procedure (opens its card), then optionally "browse by field". */
export function procedureButtons(procedures: Procedure[], locale: Locale, browseLabel?: string): InlineKeyboard {
  return resultButtons(
    procedures.map((procedure) => ({ kind: "procedure", procedure })),
    locale,
    { browseLabel },
  );
}

/**
 * One button per search result: a procedure's card (opened at the part asked about), or where
 * something done elsewhere is done; then optionally "browse by field".
 */
export function resultButtons(
  found: Found[],
  locale: Locale,
  options: { browseLabel?: string; focus?: Facet } = {},
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const f of found) {
    const data =
      f.kind === "procedure"
        ? callbacks.card.pack({ code: f.procedure.code, focus: options.focus })
        : callbacks.elsewhere.pack({ id: f.item.id });
    keyboard.text(label(hitName(f, locale)), data).row();
  }
  if (options.browseLabel) keyboard.text(options.browseLabel, callbacks.field.pack({ id: "" }));
  return keyboard;
}

/**
 * "Share": Telegram asks which chat, then runs our inline search on the procedure's name there
 * (see the inline feature), and the chosen result is posted as a short card.
 */
export function shareKeyboard(
  procedure: Procedure,
  t: TFunction,
  locale: Locale,
  keyboard = new InlineKeyboard(),
): InlineKeyboard {
  return keyboard.switchInline(t("card.share"), procedure.name[locale]);
}
