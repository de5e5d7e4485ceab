import type { ElsewhereItem } from "../../domain/elsewhere/schema.ts";
import { elsewhereView } from "../../domain/elsewhere/view.ts";
import type { Locale } from "../../domain/locale.ts";
import type { TFunction } from "../../i18n/index.ts";
import { formatDate } from "./format.ts";
import { escapeHtml } from "./html.ts";

/**
 * The answer for something the commune does not do: said plainly first, then who does it and
 * where, what the commune still does, the online route, what to bring and what it rests on.
 */
export function elsewhereAnswer(item: ElsewhereItem, t: TFunction, locale: Locale): string {
  const view = elsewhereView(item, locale);
  const list = (title: string, lines: string[]) => (lines.length === 0 ? [] : ["", title, ...lines]);
  const lines = [
    `<b>${escapeHtml(view.name)}</b>`,
    t("elsewhere.not_here"),
    t("elsewhere.agency", { agency: view.agency }),
    t("elsewhere.where", { where: view.where }),
    ...(view.communePart ? [t("elsewhere.commune_part", { part: view.communePart })] : []),
    ...list(
      t("elsewhere.online"),
      view.online.map((o) => `• ${escapeHtml(o.label)}${o.url ? `: ${escapeHtml(o.url)}` : ""}`),
    ),
    ...list(
      t("elsewhere.prepare"),
      view.prepare.map((p) => `☐ ${escapeHtml(p)}`),
    ),
    ...list(
      t("elsewhere.sources"),
      view.sources.map((s) => `• ${escapeHtml(s.ref)}${s.url ? ` — ${escapeHtml(s.url)}` : ""}`),
    ),
    "",
    view.verified && view.checkedAt
      ? t("elsewhere.checked", { date: formatDate(view.checkedAt, locale) })
      : t("elsewhere.unverified"),
  ];
  return lines.join("\n");
}
