import type { Catalog } from "../../domain/catalog/catalog.ts";
import type { Locale } from "../../domain/locale.ts";
import type { CenterStats } from "../../domain/stats/center-stats.ts";
import type { TFunction } from "../../i18n/index.ts";

/** The figures as text: both periods, then what people asked and could not find. */
export function statsMessage(
  stats: { last7: CenterStats; last30: CenterStats; unreadable: number },
  { t, locale, catalog, communeName }: { t: TFunction; locale: Locale; catalog: Catalog; communeName: string },
): string {
  const period = (s: CenterStats) =>
    t("stats.period", {
      days: s.days,
      searches: s.perDay.reduce((n, d) => n + d.searches, 0),
      checklists: s.checklists,
      found: s.lookups.found,
      notFound: s.lookups.notFound,
    });
  const list = (items: { name: string; count: number }[]) =>
    items.length > 0 ? items.map((i) => t("stats.item", i)) : [t("stats.none")];
  const month = stats.last30;
  return [
    t("stats.title", { commune: communeName }),
    period(stats.last7),
    period(month),
    t("stats.arrivals", month.arrivals),
    "",
    t("stats.unanswered"),
    ...list(month.unansweredQueries.map((q) => ({ name: q.query, count: q.count }))),
    t("stats.top_queries"),
    ...list(month.topQueries.map((q) => ({ name: q.query, count: q.count }))),
    t("stats.top_procedures"),
    ...list(
      month.topProcedures.map((p) => ({ name: catalog.procedure(p.code)?.name[locale] ?? p.code, count: p.views })),
    ),
    ...(stats.unreadable > 0 ? ["", t("stats.unreadable", { count: stats.unreadable })] : []),
  ].join("\n");
}
