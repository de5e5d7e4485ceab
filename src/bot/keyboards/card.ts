import { InlineKeyboard } from "grammy";
import type { Procedure } from "../../domain/catalog/schema.ts";
import type { Locale } from "../../domain/locale.ts";
import type { Facet } from "../../domain/search/query-words.ts";
import type { TFunction } from "../../i18n/index.ts";
import { DETAIL_VIEWS, type DetailView } from "../views/procedure-details.ts";
import { callbacks } from "./callback-data.ts";
import { shareKeyboard } from "./procedures.ts";

export type CardView = "summary" | DetailView;

/** Which view of a card a message shows: the summary, or a page of a detail. */
export interface CardAt {
  view: CardView;
  page?: number;
  pages?: number;
  focus?: Facet;
}

/**
 * Under every view of a card: the next page of a long detail, "back to summary", the other
 * details (each edits the same message), then the checklist and "send to family".
 */
export function cardKeyboard(procedure: Procedure, t: TFunction, locale: Locale, at: CardAt): InlineKeyboard {
  const view = (v: CardView, page = 0) =>
    callbacks.cardView.pack({ code: procedure.code, view: v, page, ...(at.focus ? { focus: at.focus } : {}) });
  const keyboard = new InlineKeyboard();
  const page = at.page ?? 0;
  const pages = at.pages ?? 1;
  if (page + 1 < pages)
    keyboard.text(t("card.next_page", { n: page + 2, total: pages }), view(at.view, page + 1)).row();
  if (at.view !== "summary") keyboard.text(t("card.back"), view("summary")).row();
  for (const [i, detail] of DETAIL_VIEWS.filter((v) => v !== at.view).entries()) {
    if (i > 0 && i % 2 === 0) keyboard.row();
    keyboard.text(t(`card.view.${detail}`), view(detail));
  }
  keyboard
    .row()
    .text(t("card.make_checklist"), callbacks.checklist.pack({ code: procedure.code }))
    .row();
  return shareKeyboard(procedure, t, locale, keyboard);
}
