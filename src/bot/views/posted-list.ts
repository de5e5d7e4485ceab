import type { Catalog } from "../../domain/catalog/catalog.ts";
import type { TFunction } from "../../i18n/index.ts";
import { formatDate } from "./format.ts";
import { escapeHtml } from "./html.ts";

/** Enough lines to act on and far below Telegram's 4,096 characters. */
const MAX_LISTED = 30;

/**
 * What a center's staff see of their posted list: how many of its procedures residents get
 * guidance for, and which ones the catalog lacks, so they can ask for them.
 */
export function postedListMessage(catalog: Catalog, communeCode: string, t: TFunction): string {
  const commune = catalog.communes.get(communeCode)?.name ?? communeCode;
  const list = catalog.postedList(communeCode);
  if (!list) return t("posted.national", { commune, count: catalog.postedCodes(communeCode).size });
  const date = formatDate(list.importedAt, "vi");
  const lines = [t("posted.summary", { commune, date, count: list.procedures.length })];
  if (list.uncatalogued.length === 0) return [...lines, t("posted.all_known")].join("\n");
  const shown = list.uncatalogued
    .slice(0, MAX_LISTED)
    .map((p) => `• <code>${escapeHtml(p.code)}</code>${p.name ? ` ${escapeHtml(p.name)}` : ""}`);
  const rest = list.uncatalogued.length - shown.length;
  return [
    ...lines,
    t("posted.missing", { count: list.uncatalogued.length }),
    ...shown,
    ...(rest > 0 ? [t("posted.more", { count: rest })] : []),
  ].join("\n");
}
