import type { Catalog } from "../../domain/catalog/catalog.ts";
import {
  currentAppointment,
  type Dossier,
  daysOverdue,
  maskName,
  wasRescheduled,
} from "../../domain/dossiers/dossier.ts";
import { type DossierStatus, WAITING_ON_CITIZEN } from "../../domain/dossiers/status.ts";
import type { Locale } from "../../domain/locale.ts";
import type { TFunction } from "../../i18n/index.ts";
import { formatDate, formatMoney } from "./format.ts";

export interface CardContext {
  t: TFunction;
  locale: Locale;
  catalog: Catalog;
  now: Date;
}

/**
 * A dossier's status card: procedure, center, dates (and a moved appointment), status and what
 * to do now (whatToDo), the applicant's name masked.
 */
export function dossierCard(dossier: Dossier, c: CardContext): string {
  const { t, locale, catalog } = c;
  const procedure =
    (dossier.procedureCode && catalog.procedure(dossier.procedureCode)?.name[locale]) || dossier.procedureName;
  const center = catalog.communes.get(dossier.communeCode)?.center?.name[locale];
  const due = currentAppointment(dossier);
  const first = dossier.appointments[0];
  return [
    t("dossier.card_title", { code: dossier.code }),
    ...(procedure ? [t("dossier.procedure", { procedure })] : []),
    t("dossier.applicant", { name: maskName(dossier.applicantName) }),
    ...(center ? [t("dossier.center", { center })] : []),
    t("dossier.received", { date: formatDate(dossier.receivedAt, locale) }),
    ...(due ? [t("dossier.due", { date: formatDate(due.due, locale) })] : []),
    ...(due && first && wasRescheduled(dossier)
      ? [t("dossier.rescheduled", { from: formatDate(first.due, locale) })]
      : []),
    ...(due?.reason && wasRescheduled(dossier) ? [t("dossier.rescheduled_reason", { reason: due.reason })] : []),
    "",
    t("dossier.status_line", { status: t(`dossier.status.${dossier.status}.label`) }),
    ...whatToDo(dossier, c),
  ].join("\n");
}

/**
 * What the citizen should do now, on the card and in the notification of a change: the next
 * step, the papers missing or the fee to pay, the center's note, that the clock is stopped
 * while the center waits for them, where to collect a result, and days overdue (only while
 * the administration is the one to act).
 */
export function whatToDo(dossier: Dossier, { t, locale, catalog, now }: CardContext): string[] {
  const overdue = daysOverdue(dossier, now);
  const movedFor = wasRescheduled(dossier) ? currentAppointment(dossier)?.reason : undefined;
  const center = RESULT_READY.has(dossier.status) ? catalog.communes.get(dossier.communeCode)?.center : undefined;
  return [
    t("dossier.next", { next: t(overdue > 0 ? "dossier.next_overdue" : `dossier.status.${dossier.status}.next`) }),
    ...(dossier.missing?.length ? [t("dossier.missing", { items: dossier.missing.join("; ") })] : []),
    ...(dossier.payment?.amountVnd !== undefined
      ? [t("dossier.payment", { amount: formatMoney(dossier.payment.amountVnd) })]
      : []),
    ...(dossier.payment ? [t("dossier.payment_where", { where: dossier.payment.where })] : []),
    ...(dossier.reason ? [t("dossier.reason", { reason: dossier.reason })] : []),
    ...(dossier.note && dossier.note !== movedFor ? [t("dossier.note", { note: dossier.note })] : []),
    ...(dossier.actBy ? [t("dossier.act_by", { date: formatDate(dossier.actBy, locale) })] : []),
    ...(WAITING_ON_CITIZEN.has(dossier.status) ? [t("dossier.clock_stopped")] : []),
    ...(center ? [t("dossier.collect_at", { center: center.name[locale], address: center.address })] : []),
    ...(center?.hours ? [t("dossier.collect_hours", { hours: center.hours[locale] })] : []),
    ...(overdue > 0 ? [t("dossier.overdue", { days: overdue })] : []),
  ];
}

/** A result waits at the center's counter (or was handed over there). */
const RESULT_READY: ReadonlySet<DossierStatus> = new Set(["done", "returned"]);
