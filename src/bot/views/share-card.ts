import type { Procedure } from "../../domain/catalog/schema.ts";
import { buildChecklist } from "../../domain/checklist/build.ts";
import type { Locale } from "../../domain/locale.ts";
import type { TFunction } from "../../i18n/index.ts";
import { documentLines } from "./documents.ts";
import { escapeHtml } from "./html.ts";

/** Papers listed on a shared card; the rest are in the bot (a card in a family chat stays short). */
const MAX_DOCUMENTS = 8;

/**
 * The short card posted into any chat from inline mode: the papers everyone brings, fee, time
 * and where, for no commune in particular (the reader's own center is one tap away, in the bot).
 */
export function shareCard(p: Procedure, t: TFunction, locale: Locale): string {
  const papers = buildChecklist(p, {}).toBring;
  const inPerson = p.channels.find((c) => c.kind === "in_person") ?? p.channels[0];
  const lines = [
    `📄 <b>${escapeHtml(p.name[locale])}</b>`,
    "",
    t("checklist.bring"),
    ...papers.slice(0, MAX_DOCUMENTS).map((d) => documentLines(d, t, locale)[0] as string),
    ...(papers.length > MAX_DOCUMENTS || papers.length < p.documentGroups.flatMap((g) => g.documents).length
      ? [t("share.more_papers")]
      : []),
    ...(inPerson
      ? [
          `${t("checklist.fee")} ${escapeHtml(inPerson.fee[locale])}`,
          `${t("checklist.time")} ${escapeHtml(inPerson.timeLimit[locale])}`,
        ]
      : []),
    t("share.where", { receivedBy: p.receivedBy[locale], decidedBy: p.decidedBy[locale] }),
    ...(p.verified ? [] : ["", t("common.unverified")]),
  ];
  return lines.join("\n");
}
