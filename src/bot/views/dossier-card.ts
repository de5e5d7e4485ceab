import type { Catalog } from "../../domain/catalog/catalog.ts";
import { currentAppointment, daysOverdue, type Dossier, maskName, wasRescheduled } from "../../domain/dossiers/dossier.ts";
import type { TFunction } from "../../i18n/index.ts";
import type { Locale } from "../../store/types.ts";

/** Dates as people read them in Vietnam: dd/mm/yyyy, in Vietnam's time zone. */
export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(new Date(iso));
}

const formatVnd = (amount: number) => `${new Intl.NumberFormat("vi-VN").format(amount)} đ`;

/**
 * A dossier's status card: procedure, center, dates (and a moved appointment), status with
 * the next step, what is missing or to pay, days overdue, the applicant's name masked.
 */
export function dossierCard(dossier: Dossier, { t, locale, catalog, now }: { t: TFunction; locale: Locale; catalog: Catalog; now: Date }): string {
  const procedure = (dossier.procedureCode && catalog.procedure(dossier.procedureCode)?.name[locale]) || dossier.procedureName;
  const center = catalog.communes.get(dossier.communeCode)?.center?.name[locale];
  const due = currentAppointment(dossier);
  const first = dossier.appointments[0];
  const overdue = daysOverdue(dossier, now);
  return [
    t("dossier.card_title", { code: dossier.code }),
    ...(procedure ? [t("dossier.procedure", { procedure })] : []),
    t("dossier.applicant", { name: maskName(dossier.applicantName) }),
    ...(center ? [t("dossier.center", { center })] : []),
    t("dossier.received", { date: formatDate(dossier.receivedAt, locale) }),
    ...(due ? [t("dossier.due", { date: formatDate(due.due, locale) })] : []),
    ...(due && first && wasRescheduled(dossier) ? [t("dossier.rescheduled", { from: formatDate(first.due, locale) })] : []),
    ...(due?.reason && wasRescheduled(dossier) ? [t("dossier.rescheduled_reason", { reason: due.reason })] : []),
    "",
    t("dossier.status_line", { status: t(`dossier.status.${dossier.status}.label`) }),
    t("dossier.next", { next: t(`dossier.status.${dossier.status}.next`) }),
    ...(dossier.missing?.length ? [t("dossier.missing", { items: dossier.missing.join("; ") })] : []),
    ...(dossier.payment?.amountVnd !== undefined ? [t("dossier.payment", { amount: formatVnd(dossier.payment.amountVnd) })] : []),
    ...(dossier.payment ? [t("dossier.payment_where", { where: dossier.payment.where })] : []),
    ...(dossier.reason ? [t("dossier.reason", { reason: dossier.reason })] : []),
    ...(overdue > 0 ? [t("dossier.overdue", { days: overdue })] : []),
  ].join("\n");
}
