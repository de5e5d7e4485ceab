import type { Locale } from "../../domain/locale.ts";
import { VIETNAM_TIME_ZONE } from "../../domain/vietnam-time.ts";

/** Numbers, dates and money as people write them in Vietnam, in one place for every view. */

/** A count as people write it in that language: 4.090 in Vietnamese, 4,090 in English. */
export const formatCount = (n: number, locale: Locale): string => new Intl.NumberFormat(locale).format(n);

/** Dates as people read them in Vietnam: dd/mm/yyyy, in Vietnam's time zone. */
export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", {
    timeZone: VIETNAM_TIME_ZONE,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(new Date(iso));
}

/** A calendar day "yyyy-mm-dd" as a short "dd/mm" (a chart's axis). */
export const formatDayMonth = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/** An amount in đồng as printed on receipts, in either language: "1.500.000 đ". */
export const formatMoney = (amountVnd: number): string => `${new Intl.NumberFormat("vi-VN").format(amountVnd)} đ`;
