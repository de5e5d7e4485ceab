import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import i18next, { type TFunction } from "i18next";
import { escapeHtml } from "../bot/views/html.ts";
import type { Locale } from "../store/types.ts";

export type { TFunction };
export const LOCALES: readonly Locale[] = ["vi", "en"];

const localeFile = (locale: Locale) =>
  fileURLToPath(new URL(`../../locales/${locale}.json`, import.meta.url));

/**
 * Creates the translator. Messages go out with HTML parse mode, so interpolated values
 * (catalog text, what the user typed) are HTML-escaped on purpose, with our own escaper that
 * touches only &, < and > as Telegram expects. Trusted fragments use {{- value}}.
 */
export async function createI18n(defaultLocale: Locale = "vi") {
  const instance = i18next.createInstance();
  await instance.init({
    lng: defaultLocale,
    fallbackLng: "vi",
    supportedLngs: [...LOCALES],
    nonExplicitSupportedLngs: true,
    resources: Object.fromEntries(
      LOCALES.map((l) => [l, { translation: JSON.parse(readFileSync(localeFile(l), "utf8")) }]),
    ),
    interpolation: { escapeValue: true, escape: escapeHtml },
    returnNull: false,
  });
  return {
    /** A translator fixed to one locale: safe when many users are served at once. */
    translator: (locale: Locale): TFunction => instance.getFixedT(locale),
  };
}

export type I18n = Awaited<ReturnType<typeof createI18n>>;

/** The locale for a Telegram language_code: English for en*, Vietnamese otherwise. */
export function localeFromTelegram(languageCode: string | undefined, fallback: Locale): Locale {
  if (!languageCode) return fallback;
  return languageCode.toLowerCase().startsWith("en") ? "en" : languageCode.toLowerCase().startsWith("vi") ? "vi" : fallback;
}
