import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import i18next, { type TFunction } from "i18next";
import { LOCALES, type Locale } from "../domain/locale.ts";
import { escapeHtml } from "../shared/escape-html.ts";

export type { TFunction };

const localeFile = (locale: Locale) => fileURLToPath(new URL(`../../locales/${locale}.json`, import.meta.url));

/**
 * Creates the translator. Messages go out with HTML parse mode, so interpolated values
 * (catalog text, what the user typed) are HTML-escaped on purpose, with our own escaper that
 * touches only &, < and > as Telegram expects. Texts outside HTML (button labels, answers to a
 * tap, posters) go through plain() of plain.ts.
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
  const translators = new Map(LOCALES.map((l) => [l, remembering(instance.getFixedT(l))]));
  return {
    /** A translator fixed to one locale: safe when many users are served at once. */
    translator: (locale: Locale): TFunction => translators.get(locale) as TFunction,
  };
}

/** Texts remembered per language; beyond, the oldest go (values typed by users pass through). */
const REMEMBERED_TEXTS = 5_000;

/**
 * The same translator, remembering the texts it made from a key and plain values, HTML-escaped
 * or plain (see plain.ts): a card or a checklist step asks for the same texts again and again,
 * and i18next's interpolation cost about a tenth of a millisecond a call (more with options of
 * its own, which reset its regular expressions), a good part of a tap's work.
 */
function remembering(t: TFunction): TFunction {
  const texts = new Map<string, string>();
  const remembered = (key: string, options?: Record<string, unknown>) => {
    const { interpolation, ...values } = options ?? {};
    const mode = interpolation === undefined ? "html" : isPlain(interpolation) ? "plain" : undefined;
    const given = Object.values(values);
    if (mode === undefined || !given.every((v) => typeof v === "string" || typeof v === "number"))
      return t(key, options);
    const id = `${mode}\u0000${key}\u0000${given.join("\u0000")}\u0000${Object.keys(values).join(",")}`;
    let text = texts.get(id);
    if (text === undefined) {
      text = t(key, options);
      if (texts.size >= REMEMBERED_TEXTS) texts.delete(texts.keys().next().value as string);
      texts.set(id, text);
    }
    return text;
  };
  return remembered as unknown as TFunction;
}

/** The interpolation option of plain.ts's translator, and nothing else. */
const isPlain = (interpolation: unknown) =>
  typeof interpolation === "object" &&
  interpolation !== null &&
  Object.keys(interpolation).length === 1 &&
  (interpolation as { escapeValue?: unknown }).escapeValue === false;

export type I18n = Awaited<ReturnType<typeof createI18n>>;

/** The locale for a Telegram language_code: English for en*, Vietnamese otherwise. */
export function localeFromTelegram(languageCode: string | undefined, fallback: Locale): Locale {
  if (!languageCode) return fallback;
  return languageCode.toLowerCase().startsWith("en")
    ? "en"
    : languageCode.toLowerCase().startsWith("vi")
      ? "vi"
      : fallback;
}
