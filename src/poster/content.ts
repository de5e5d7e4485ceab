import type { Commune } from "../domain/communes/types.ts";
import type { Locale } from "../domain/locale.ts";
import type { TFunction } from "../i18n/index.ts";
import { plain } from "../i18n/plain.ts";
import type { PosterContent } from "./render.ts";

/**
 * A commune's poster in `locale` (Vietnamese for printing; `t` in the same language): its center, the link,
 * what the bot does, and the center's address and hours as data/ and staff's changes give them.
 */
export function posterContent(commune: Commune, url: string, t: TFunction, locale: Locale): PosterContent {
  const center = commune.center;
  return {
    title: center?.name[locale] ?? t("poster.default_title"),
    subtitle: plain(t)("poster.subtitle", { commune: commune.name, province: commune.province }),
    call: t("poster.call"),
    url,
    urlLabel: url.replace(/^https:\/\//, ""),
    features: [t("poster.feature_papers"), t("poster.feature_where"), t("poster.feature_status")],
    details: [
      ...(center ? [{ label: t("poster.address"), text: center.address }] : []),
      ...(center?.hours ? [{ label: t("poster.hours"), text: center.hours[locale] }] : []),
    ],
  };
}
