import type { Answers, Checklist } from "../../domain/checklist/build.ts";
import type { Commune } from "../../domain/communes/types.ts";
import type { Locale } from "../../domain/locale.ts";
import type { TFunction } from "../../i18n/index.ts";
import { whereLines } from "./center.ts";
import { documentLines } from "./documents.ts";
import { escapeHtml } from "./html.ts";
import { exemptionLines } from "./procedure-card.ts";

/**
 * The personalised checklist as one message a citizen keeps and reads at the counter without
 * a connection: ☐ papers with counts, papers the counter reads from databases, fee with
 * exemptions first, time limit, and where to go.
 */
export function checklistMessage(
  checklist: Checklist,
  answers: Answers,
  {
    t,
    locale,
    commune,
    anywhereInProvince,
  }: { t: TFunction; locale: Locale; commune?: Commune; anywhereInProvince?: boolean },
): string {
  const p = checklist.procedure;
  const inPerson = p.channels.find((c) => c.kind === "in_person") ?? p.channels[0];
  const lines = [
    t("checklist.title", { procedure: p.name[locale] }),
    ...answerSummary(checklist, answers, t, locale),
    "",
    t("checklist.bring"),
    ...checklist.toBring.flatMap((d) => documentLines(d, t, locale)),
    ...(checklist.inCase.length > 0
      ? ["", t("checklist.in_case"), ...checklist.inCase.flatMap((d) => documentLines(d, t, locale))]
      : []),
    "",
    ...exemptionLines(
      checklist.feeExemptions.map((e) => e[locale]),
      t,
    ),
    ...(inPerson
      ? [
          `${t("checklist.fee")} ${escapeHtml(inPerson.fee[locale])}`,
          `${t("checklist.time")} ${escapeHtml(inPerson.timeLimit[locale])}`,
        ]
      : []),
    ...whereLines(t, locale, commune, {
      withPhone: true,
      anywhereInProvince,
      atPolice: p.filedAt === "commune_police",
    }),
    ...(p.verified ? [] : ["", t("common.unverified")]),
    "",
    t("checklist.keep"),
  ];
  return lines.join("\n");
}

function answerSummary(checklist: Checklist, answers: Answers, t: TFunction, locale: Locale): string[] {
  const labels = checklist.procedure.questions
    .map((q) => q.options.find((o) => o.id === answers[q.id])?.label[locale])
    .filter((l): l is string => l !== undefined);
  return labels.length > 0 ? [t("checklist.for_case", { answers: labels.join("; ") })] : [];
}
