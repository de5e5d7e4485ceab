import type { LocalizedText } from "../../domain/catalog/schema.ts";
import type { Locale } from "../../domain/locale.ts";

/** The catalog text in the user's language. */
export const pick = (text: LocalizedText, locale: Locale): string => text[locale];

/** A count as people write it in that language: 4.090 in Vietnamese, 4,090 in English. */
export const formatCount = (n: number, locale: Locale): string => new Intl.NumberFormat(locale).format(n);
