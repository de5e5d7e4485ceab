import type { Center } from "../../domain/catalog/schema.ts";
import type { Commune } from "../../domain/communes/types.ts";
import type { Locale } from "../../domain/locale.ts";
import type { TFunction } from "../../i18n/index.ts";

/** Where a procedure may be filed besides the citizen's own center, when the province says so. */
export interface WhereOptions {
  withPhone: boolean;
  /** Opening hours (default true); a card's summary leaves them to its detail view when short of room. */
  withHours?: boolean;
  /** The province listed this procedure as accepted at any center in the province. */
  anywhereInProvince?: boolean;
  /** Handed in at the commune police, not at the center (see the procedure's `filedAt`). */
  atPolice?: boolean;
}

/** "Where to go" lines of a card or a checklist; a fallback when the center is not known. */
export function whereLines(
  t: TFunction,
  locale: Locale,
  commune: Commune | undefined,
  options: WhereOptions,
): string[] {
  if (!commune) return [t("card.no_commune")];
  if (options.atPolice) return [t("card.where_police", { commune: commune.name })];
  const center = commune.center;
  if (!center) return [t("center.unknown", { name: commune.name, province: commune.province })];
  return [
    t("card.where", { center: center.name[locale], address: center.address }),
    ...(center.headquarters ? [t("center.headquarters_note")] : []),
    ...(center.hours && options.withHours !== false ? [t("card.hours", { hours: center.hours[locale] })] : []),
    ...(options.withPhone && confirmedPhone(center) ? [t("checklist.phone", { phone: confirmedPhone(center) })] : []),
    ...(options.anywhereInProvince ? [t("center.province_rule", { province: commune.province })] : []),
  ];
}

/**
 * /center: the center with hours, phone and the old communes it serves now. `provinceWideCount`
 * is how many procedures the province listed as accepted at any of its centers (0: none known).
 */
export function centerMessage(commune: Commune, t: TFunction, locale: Locale, provinceWideCount = 0): string {
  const center = commune.center;
  if (!center) return t("center.unknown", { name: commune.name, province: commune.province });
  const old = commune.formedFrom.map((u) => u.name).join(", ");
  return [
    t("center.title", { center: center.name[locale] }),
    t("center.address", { address: center.address }),
    ...(center.headquarters ? [t("center.headquarters_note")] : []),
    ...(center.hours ? [t("center.hours", { hours: center.hours[locale] })] : []),
    ...(confirmedPhone(center) ? [t("center.phone", { phone: confirmedPhone(center) })] : []),
    ...(old ? [t("center.serves", { old })] : []),
    ...(provinceWideCount > 0
      ? [t("center.province_rule_listed", { province: commune.province, count: provinceWideCount })]
      : []),
    ...(center.verified ? [] : ["", t("center.unverified")]),
  ].join("\n");
}

/**
 * The center's phone, only when the center has confirmed its data: unknown phones are stored
 * as obvious samples ("0000 000 000"), which must never be shown to a citizen as a number to call.
 */
export function confirmedPhone(center: Center | undefined): string | undefined {
  return center?.verified ? center.phone : undefined;
}
