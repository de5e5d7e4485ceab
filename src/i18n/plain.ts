import type { TFunction } from "i18next";

/**
 * The translator for plain text, beside the HTML one: button labels, answers to a tap, texts
 * drawn on a poster or written into a notice, where nothing parses HTML and an escaped "&amp;"
 * would show as it is. Values are put in as they are — so also the translator for a value that
 * is HTML already built and escaped by its caller (a link).
 */
export function plain(t: TFunction): TFunction {
  const translate = (key: string | string[], options?: Record<string, unknown>) =>
    t(key, { ...options, interpolation: { escapeValue: false } });
  return translate as unknown as TFunction;
}
