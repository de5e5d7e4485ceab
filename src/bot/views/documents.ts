import type { RequiredDocument } from "../../domain/catalog/schema.ts";
import type { Locale } from "../../domain/locale.ts";
import type { TFunction } from "../../i18n/index.ts";
import { plain } from "../../i18n/plain.ts";
import { escapeHtml } from "./html.ts";

/** "1 original and 2 copies", "bring the original to show"... */
export function documentCount(doc: RequiredDocument, t: TFunction): string {
  if (doc.showOnly) return t("document.show");
  const parts = [
    doc.originals > 0 ? t("document.originals", { count: doc.originals }) : undefined,
    doc.copies > 0 ? t("document.copies", { count: doc.copies }) : undefined,
  ].filter((p): p is string => p !== undefined);
  if (parts.length === 0) return t("document.none");
  return parts.length === 2 ? plain(t)("document.and", { a: parts[0], b: parts[1] }) : (parts[0] as string);
}

/** A checklist line with its note and form, HTML. */
export function documentLines(doc: RequiredDocument, t: TFunction, locale: Locale): string[] {
  const lines = [t("document.line", { name: doc.name[locale], count: documentCount(doc, t) })];
  const extra = [doc.note?.[locale], doc.form ? plain(t)("document.form", { form: doc.form }) : undefined]
    .filter((x): x is string => x !== undefined)
    .map(escapeHtml);
  if (extra.length > 0) lines.push(`   <i>${extra.join(" · ")}</i>`);
  return lines;
}
