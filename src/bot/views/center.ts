import type { Commune } from "../../domain/communes/types.ts";
import type { TFunction } from "../../i18n/index.ts";
import type { Locale } from "../../store/types.ts";

/** "Where to go" lines of a card or a checklist; a fallback when the center is not known. */
export function whereLines(t: TFunction, locale: Locale, commune: Commune | undefined, withPhone: boolean): string[] {
  if (!commune) return [t("card.no_commune")];
  const center = commune.center;
  if (!center) return [t("center.unknown", { name: commune.name, province: commune.province })];
  return [
    t("card.where", { center: center.name[locale], address: center.address }),
    ...(center.hours ? [t("card.hours", { hours: center.hours[locale] })] : []),
    ...(withPhone && center.phone ? [t("checklist.phone", { phone: center.phone })] : []),
  ];
}

/** /center: the center with hours, phone and the old communes it serves now. */
export function centerMessage(commune: Commune, t: TFunction, locale: Locale): string {
  const center = commune.center;
  if (!center) return t("center.unknown", { name: commune.name, province: commune.province });
  const old = commune.formedFrom.map((u) => u.name).join(", ");
  return [
    t("center.title", { center: center.name[locale] }),
    t("center.address", { address: center.address }),
    ...(center.hours ? [t("center.hours", { hours: center.hours[locale] })] : []),
    ...(center.phone ? [t("center.phone", { phone: center.phone })] : []),
    ...(old ? [t("center.serves", { old })] : []),
    t("center.province_rule"),
    ...(center.verified ? [] : ["", t("common.unverified", { source: center.source })]),
  ].join("\n");
}
