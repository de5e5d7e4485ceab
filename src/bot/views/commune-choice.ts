import type { Commune, OldUnit } from "../../domain/communes/types.ts";
import type { Locale } from "../../domain/locale.ts";
import type { TFunction } from "../../i18n/index.ts";

/** After a commune is chosen: where the citizen belongs now, their center, what to do next. */
export function communeSavedMessage(
  commune: Commune,
  oldUnit: OldUnit | undefined,
  t: TFunction,
  locale: Locale,
): string {
  const names = { name: commune.name, province: commune.province };
  return [
    oldUnit
      ? t("commune.old_now_belongs", { ...names, old: oldUnit.name, district: oldUnit.district })
      : t("commune.saved", names),
    commune.center
      ? t("card.where", { center: commune.center.name[locale], address: commune.center.address })
      : t("center.unknown", names),
    "",
    t("start.after_choice"),
  ].join("\n");
}
