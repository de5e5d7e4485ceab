import type { LocalNote } from "../../domain/catalog/catalog.ts";
import type { Procedure } from "../../domain/catalog/schema.ts";
import type { Commune } from "../../domain/communes/types.ts";
import type { TFunction } from "../../i18n/index.ts";
import type { Locale } from "../../store/types.ts";
import { whereLines } from "./center.ts";
import { documentLines } from "./documents.ts";
import { escapeHtml } from "./html.ts";

export interface CardContext {
  t: TFunction;
  locale: Locale;
  commune?: Commune;
  note?: LocalNote;
  /** The commune's province accepts this procedure at any of its centers. */
  anywhereInProvince?: boolean;
}

/** A procedure's card: what it is for, who, papers by case, time and fee, where, legal basis. */
export function procedureCard(p: Procedure, { t, locale, commune, note, anywhereInProvince }: CardContext): string {
  const lines = [
    `<b>${escapeHtml(p.name[locale])}</b> <code>${escapeHtml(p.code)}</code>`,
    escapeHtml(p.summary[locale]),
    t("card.applicants", { applicants: p.applicants[locale] }),
    t("card.agency", { agency: p.agency[locale] }),
    ...(note ? [t("card.local_note", { note: note[locale] })] : []),
    "",
    t("card.documents"),
    ...p.documentGroups.flatMap((g) => [
      t("card.group", { title: g.title[locale] }),
      ...g.documents.flatMap((d) => documentLines(d, t, locale)),
    ]),
    "",
    ...exemptionLines(p.feeExemptions.map((e) => e.text[locale]), t),
    t("card.channels"),
    ...p.channels.map((c) =>
      t("card.channel", { kind: t(`channel.${c.kind}`), time: c.timeLimit[locale], fee: c.fee[locale] }),
    ),
    t("card.result", { result: p.result[locale] }),
    ...whereLines(t, locale, commune, { withPhone: false, anywhereInProvince }),
    ...p.channels.filter((c) => c.url).map((c) => t("card.online", { url: c.url })),
    "",
    t("card.legal"),
    ...p.legalBasis.map((l) =>
      t("card.legal_item", {
        ref: l.ref,
        title: l.title[locale],
        dates: l.effectiveUntil ? t("card.effective_until", { date: l.effectiveUntil }) : "",
        interpolation: { escapeValue: true },
      }),
    ),
    ...(p.verified ? [] : ["", t("common.unverified")]),
  ];
  return lines.join("\n");
}

export function exemptionLines(exemptions: string[], t: TFunction): string[] {
  if (exemptions.length === 0) return [];
  return [t("card.exemptions"), ...exemptions.map((e) => `• ${escapeHtml(e)}`)];
}
