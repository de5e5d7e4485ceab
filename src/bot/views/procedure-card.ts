import type { LocalNote } from "../../domain/catalog/catalog.ts";
import type { Procedure, SourceRef } from "../../domain/catalog/schema.ts";
import { buildChecklist } from "../../domain/checklist/build.ts";
import type { Commune } from "../../domain/communes/types.ts";
import type { Locale } from "../../domain/locale.ts";
import type { Facet } from "../../domain/search/query-words.ts";
import type { TFunction } from "../../i18n/index.ts";
import { plain } from "../../i18n/plain.ts";
import { whereLines } from "./center.ts";
import { documentLines } from "./documents.ts";
import { escapeHtml, visibleLength } from "./html.ts";

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

/**
 * The card's first message must read on a phone in one screen over a weak connection: at most
 * this many characters as Telegram counts them. The rest is one tap away (procedure-details.ts).
 */
export const SUMMARY_LIMIT = 900;

type Part = "papers" | "fee" | "time" | "where";
const ORDER: Part[] = ["papers", "fee", "time", "where"];
/** The one place that says which part of the card answers which question. */
const FOCUS: Record<Facet, Part> = {
  fee: "fee",
  time: "time",
  place: "where",
  papers: "papers",
  exemption: "fee",
};

/**
 * How much a summary may say, from most to least: a procedure with many papers or exemptions
 * drops what its detail views say in full, until the summary fits SUMMARY_LIMIT.
 */
interface Brevity {
  /** Every exemption, or only those of the common case. */
  allExemptions: boolean;
  /** The center's opening hours (the "steps and where" view always has them). */
  hours: boolean;
  /** Papers with their counts ("— 1 bản chính"), or names only. */
  counts: boolean;
  /** Longest local note, paper name, and fee, time limit or exemption before "…". */
  note: number;
  paper: number;
  fact: number;
  /** Papers listed before "and N more" (the papers view lists them all). */
  maxPapers: number;
  /** The papers the counter looks up (the papers view and the checklist name them too). */
  lookedUp: boolean;
}
const FULL: Brevity = {
  allExemptions: true,
  hours: true,
  counts: true,
  note: 400,
  paper: 400,
  fact: 400,
  maxPapers: 20,
  lookedUp: true,
};
/** Each step gives up a little more; the facts a citizen acts on (fee, time) are cut last. */
const BREVITIES: Brevity[] = [
  FULL,
  { ...FULL, allExemptions: false },
  { ...FULL, allExemptions: false, hours: false },
  { ...FULL, allExemptions: false, hours: false, counts: false },
  { ...FULL, allExemptions: false, hours: false, counts: false, note: 100 },
  { ...FULL, allExemptions: false, hours: false, counts: false, note: 100, paper: 90 },
  { ...FULL, allExemptions: false, hours: false, counts: false, note: 100, paper: 90, fact: 160 },
  { ...FULL, allExemptions: false, hours: false, counts: false, note: 40, paper: 60, fact: 90, maxPapers: 4 },
  {
    ...FULL,
    allExemptions: false,
    hours: false,
    counts: false,
    note: 40,
    paper: 60,
    fact: 90,
    maxPapers: 4,
    lookedUp: false,
  },
];

/**
 * A procedure's card, first message: the papers of the common case (each question's first
 * option), fee with exemptions first, time limit, where (and the online route), a local note,
 * the unverified marker and a source to open; the part asked about first.
 */
export function procedureCard(p: Procedure, context: CardContext): string {
  let text = "";
  for (const brevity of BREVITIES) {
    text = summary(p, context, brevity);
    if (visibleLength(text) <= SUMMARY_LIMIT) break;
  }
  return text;
}

function summary(p: Procedure, context: CardContext, brevity: Brevity): string {
  const { t, locale, note, focus } = context;
  const parts = summaryParts(p, context, brevity);
  const first = focus ? FOCUS[focus] : undefined;
  const order = first ? [first, ...ORDER.filter((s) => s !== first)] : ORDER;
  const lines = [
    `<b>${escapeHtml(p.name[locale])}</b>${nationalCode(p)}`,
    ...order.flatMap((s) => parts[s]),
    ...(note ? [t("card.local_note", { note: clip(note[locale], brevity.note) })] : []),
    ...(p.verified ? [] : [t("card.unverified")]),
    ...mainSource(p).map((s) => sourceLine(s, t, true)),
  ];
  return lines.join("\n");
}

function summaryParts(p: Procedure, context: CardContext, brevity: Brevity): Record<Part, string[]> {
  const { t, locale, commune, anywhereInProvince, focus } = context;
  const common = buildChecklist(p, commonCase(p));
  const exemptions = (brevity.allExemptions ? p.feeExemptions.map((e) => e.text) : common.feeExemptions).map((e) =>
    clip(e[locale], brevity.fact),
  );
  const channel = p.channels.find((c) => c.kind === "in_person") ?? (p.channels[0] as Procedure["channels"][number]);
  const online = p.channels.find((c) => c.url);
  const paper = (d: (typeof common.toBring)[number]) =>
    brevity.counts
      ? (documentLines(d, t, locale)[0] as string)
      : t("card.paper_name", { name: clip(d.name[locale], brevity.paper) });
  return {
    papers: [
      t(p.questions.length > 0 ? "card.bring_common" : "card.bring"),
      ...common.toBring.slice(0, brevity.maxPapers).map(paper),
      ...(common.toBring.length > brevity.maxPapers
        ? [t("card.more_papers", { count: common.toBring.length - brevity.maxPapers })]
        : []),
      ...(common.inCase.length > 0 && brevity.lookedUp
        ? [t("card.looked_up", { names: common.inCase.map((d) => clip(d.name[locale], brevity.paper)).join("; ") })]
        : []),
    ],
    // Asked "is it free for me?" with no exemption on record, the card says so rather than nothing.
    fee: [
      ...exemptionLines(exemptions, t),
      ...(exemptions.length === 0 && focus === "exemption" ? [t("card.no_exemptions")] : []),
      t("card.fee", { fee: clip(channel.fee[locale], brevity.fact) }),
    ],
    time: [t("card.time", { time: clip(channel.timeLimit[locale], brevity.fact) })],
    where: [
      ...whereLines(t, locale, commune, {
        withPhone: false,
        withHours: brevity.hours,
        anywhereInProvince,
        atPolice: p.filedAt === "commune_police",
      }),
      ...(online?.url ? [onlineLine(online.url, t)] : []),
    ],
  };
}

/** The case most people are in: the first option of each question, as the catalog orders them. */
export function commonCase(p: Procedure): Record<string, string> {
  return Object.fromEntries(p.questions.map((q) => [q.id, q.options[0]?.id ?? ""]));
}

/** The online route as a short link: the portal's name, not a long address to read. */
export function onlineLine(url: string, t: TFunction): string {
  const host = new URL(url).hostname.replace(/^www\./, "");
  return plain(t)("card.online_link", { link: `<a href="${escapeHtml(url)}">${escapeHtml(host)}</a>` });
}

/** The procedure's main source: an official page if it has one, else its first reference. */
function mainSource(p: Procedure): SourceRef[] {
  const source = p.sources.find((s) => s.url) ?? p.sources[0];
  return source ? [source] : [];
}

/**
 * A source a citizen can open: the official page as a link, or the document and article.
 * `short`: a link reads as its site ("Cổng Dịch vụ công quốc gia"), not the record's full title.
 */
export function sourceLine(source: SourceRef, t: TFunction, short = false): string {
  const ref = escapeHtml(short && source.url ? (source.ref.split(" — ")[0] as string) : source.ref);
  return plain(t)("card.source", { ref: source.url ? `<a href="${escapeHtml(source.url)}">${ref}</a>` : ref });
}

/** The national database code citizens can look up; local ids are ours and mean nothing to them. */
function nationalCode(p: Procedure): string {
  return /^\d\.\d{6}$/.test(p.code) ? ` <code>${escapeHtml(p.code)}</code>` : "";
}

/** A catalog text cut to `max` characters at a word, with "…"; the detail views have it whole. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).trimEnd()}…`;
}

export function exemptionLines(exemptions: string[], t: TFunction): string[] {
  if (exemptions.length === 0) return [];
  return [t("card.exemptions"), ...exemptions.map((e) => `• ${escapeHtml(e)}`)];
}
