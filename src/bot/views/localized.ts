import type { LocalizedText } from "../../domain/catalog/schema.ts";
import type { Locale } from "../../store/types.ts";

/** The catalog text in the user's language. */
export const pick = (text: LocalizedText, locale: Locale): string => text[locale];
