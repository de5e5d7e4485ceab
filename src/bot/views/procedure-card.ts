import type { LocalNote } from "../../domain/catalog/catalog.ts";
import type { Procedure, SourceRef } from "../../domain/catalog/schema.ts";
import type { Commune } from "../../domain/communes/types.ts";
import type { Locale } from "../../domain/locale.ts";
import type { Facet } from "../../domain/search/query-words.ts";
import type { TFunction } from "../../i18n/index.ts";
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
  /** What the citizen asked about ("bao nhiêu tiền" -> fee): that part comes first. */
  focus?: Facet;
}

type Section = "about" | "papers" | "exemptions" | "channels" | "result" | "where" | "legal";
const ORDER: Section[] = ["about", "papers", "exemptions", "channels", "result", "where", "legal"];
/** The one place that says which part of the card answers which question. */
const FOCUS: Record<Facet, Section[]> = {
  fee: ["channels", "exemptions"],
  time: ["channels"],
  place: ["where"],
  papers: ["papers"],
  exemption: ["exemptions", "channels"],
};

/** A procedure's card: what it is for, who, papers by case, time and fee, where, legal basis. */
export function procedureCard(p: Procedure, context: CardContext): string {
  const sections = cardSections(p, context);
  const first = context.focus ? FOCUS[context.focus] : [];
  const order = [...first, ...ORDER.filter((s) => !first.includes(s))];
  const body = order.map((s) => sections[s]).filter((lines) => lines.length > 0);
  const lines = [
    `<b>${escapeHtml(p.name[context.locale])}</b>${nationalCode(p)}`,
    ...body.flatMap((lines, i) => (i === 0 ? lines : ["", ...lines])),
    ...(p.verified ? [] : ["", context.t("common.unverified")]),
  ];
  return lines.join("\n");
}

/** A source a citizen can open: the official page as a link, or the document and article. */
function sourceLine(source: SourceRef, t: TFunction): string {
  const ref = escapeHtml(source.ref);
  return t("card.source", {
    ref: source.url ? `<a href="${escapeHtml(source.url)}">${ref}</a>` : ref,
    interpolation: { escapeValue: false },
  });
}

/** The national database code citizens can look up; local ids are ours and mean nothing to them. */
function nationalCode(p: Procedure): string {
  return /^\d\.\d{6}$/.test(p.code) ? ` <code>${escapeHtml(p.code)}</code>` : "";
}

function cardSections(
  p: Procedure,
  { t, locale, commune, note, focus, anywhereInProvince }: CardContext,
): Record<Section, string[]> {
  const exemptions = exemptionLines(
    p.feeExemptions.map((e) => e.text[locale]),
    t,
  );
  return {
    about: [
      escapeHtml(p.summary[locale]),
      t("card.applicants", { applicants: p.applicants[locale] }),
      t("card.received_by", { body: p.receivedBy[locale] }),
      t("card.decided_by", { body: p.decidedBy[locale] }),
      ...(note ? [t("card.local_note", { note: note[locale] })] : []),
    ],
    papers: [
      t("card.documents"),
      ...p.documentGroups.flatMap((g) => [
        t("card.group", { title: g.title[locale] }),
        ...g.documents.flatMap((d) => documentLines(d, t, locale)),
      ]),
    ],
    // Asked "is it free for me?" with no exemption on record, the card says so rather than nothing.
    exemptions: exemptions.length === 0 && focus === "exemption" ? [t("card.no_exemptions")] : exemptions,
    channels: [
      t("card.channels"),
      ...p.channels.map((c) =>
        t("card.channel", { kind: t(`channel.${c.kind}`), time: c.timeLimit[locale], fee: c.fee[locale] }),
      ),
    ],
    result: [t("card.result", { result: p.result[locale] })],
    where: [
      ...whereLines(t, locale, commune, {
        withPhone: false,
        anywhereInProvince,
        atPolice: p.filedAt === "commune_police",
      }),
      ...p.channels.filter((c) => c.url).map((c) => t("card.online", { url: c.url })),
    ],
    legal: [
      t("card.legal"),
      ...p.legalBasis.map((l) =>
        t("card.legal_item", {
          ref: l.ref,
          title: l.title[locale],
          dates: l.effectiveUntil ? t("card.effective_until", { date: l.effectiveUntil }) : "",
          interpolation: { escapeValue: true },
        }),
      ),
      ...p.sources.map((s) => sourceLine(s, t)),
    ],
  };
}

export function exemptionLines(exemptions: string[], t: TFunction): string[] {
  if (exemptions.length === 0) return [];
  return [t("card.exemptions"), ...exemptions.map((e) => `• ${escapeHtml(e)}`)];
}
