import type { Procedure } from "../../domain/catalog/schema.ts";
import type { Locale } from "../../domain/locale.ts";
import type { TFunction } from "../../i18n/index.ts";
import { whereLines } from "./center.ts";
import { documentLines } from "./documents.ts";
import { formatDate } from "./format.ts";
import { escapeHtml, splitMessage } from "./html.ts";
import { type CardContext, exemptionLines, onlineLine, sourceLine } from "./procedure-card.ts";

/** What a card's buttons open in place of its summary. */
export const DETAIL_VIEWS = ["papers", "fees", "steps", "legal"] as const;
export type DetailView = (typeof DETAIL_VIEWS)[number];

/**
 * One detail of a card, as the pages of one message edited in place: papers of every case with
 * notes and forms; every route's time limit and fee with all exemptions; what it is, who applies
 * and decides, the steps, the result and where; the legal basis and every source. A view longer
 * than Telegram's limit is split into pages (html.ts), never cut.
 */
export function procedureDetail(p: Procedure, view: DetailView, context: CardContext): string[] {
  const { t, locale } = context;
  const title = t("card.detail_title", { procedure: p.name[locale], view: t(`card.view.${view}`) });
  return splitMessage([title, ...DETAILS[view](p, context)].join("\n"));
}

const DETAILS: Record<DetailView, (p: Procedure, context: CardContext) => string[]> = {
  papers: (p, { t, locale }) => [
    ...p.documentGroups.flatMap((g) => [
      "",
      t("card.group", { title: g.title[locale] }),
      ...g.documents.flatMap((d) => documentLines(d, t, locale)),
    ]),
    ...formLines(p, t, locale),
  ],
  fees: (p, { t, locale }) => {
    const exemptions = exemptionLines(
      p.feeExemptions.map((e) => e.text[locale]),
      t,
    );
    return [
      "",
      ...(exemptions.length > 0 ? exemptions : [t("card.no_exemptions")]),
      "",
      t("card.channels"),
      ...p.channels.map((c) =>
        t("card.channel", { kind: t(`channel.${c.kind}`), time: c.timeLimit[locale], fee: c.fee[locale] }),
      ),
    ];
  },
  steps: (p, { t, locale, commune, note, anywhereInProvince }) => [
    "",
    escapeHtml(p.summary[locale]),
    t("card.applicants", { applicants: p.applicants[locale] }),
    "",
    t("card.steps"),
    ...p.steps.map((s, i) => `${i + 1}. ${escapeHtml(s[locale])}`),
    t("card.result", { result: p.result[locale] }),
    "",
    t("card.received_by", { body: p.receivedBy[locale] }),
    t("card.decided_by", { body: p.decidedBy[locale] }),
    ...whereLines(t, locale, commune, {
      withPhone: true,
      anywhereInProvince,
      atPolice: p.filedAt === "commune_police",
    }),
    ...p.channels.flatMap((c) => (c.url ? [onlineLine(c.url, t)] : [])),
    ...(note ? [t("card.local_note", { note: note[locale] })] : []),
  ],
  legal: (p, { t, locale }) => [
    "",
    t("card.legal"),
    ...p.legalBasis.map((l) =>
      t("card.legal_item", {
        ref: l.ref,
        title: l.title[locale],
        dates: l.effectiveUntil ? t("card.effective_until", { date: formatDate(l.effectiveUntil, locale) }) : "",
      }),
    ),
    "",
    t("card.sources"),
    ...p.sources.map((s) => sourceLine(s, t)),
    p.verified && p.checkedAt ? t("card.checked", { date: formatDate(p.checkedAt, locale) }) : t("common.unverified"),
  ],
};

/** Forms the procedure names that no paper above already names. */
function formLines(p: Procedure, t: TFunction, locale: Locale): string[] {
  const named = new Set(p.documentGroups.flatMap((g) => g.documents.map((d) => d.form)));
  const forms = p.forms.filter((f) => !named.has(f.name.vi) && !named.has(f.code));
  if (forms.length === 0) return [];
  return ["", t("card.forms"), ...forms.map((f) => `• ${escapeHtml(f.name[locale])}`)];
}
