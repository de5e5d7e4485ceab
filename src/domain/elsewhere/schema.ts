/**
 * Schema of data/elsewhere.json: procedures citizens ask the commune about that another agency
 * decides (a passport, a divorce, a company). The bot names that agency and the online route
 * instead of offering an unrelated commune procedure.
 *
 * Limits on lengths keep a rendered answer (name, agency, place, commune part, online routes,
 * papers and sources) well under Telegram's 4,096 characters.
 */
import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");

/** A text in both interface languages, at most `max` characters each. */
function text(max: number) {
  const one = z.string().trim().min(1).max(max);
  return z.strictObject({ vi: one, en: one });
}

/** Only official pages, and only over https: a citizen follows these links to file papers. */
const httpsUrl = z.url({ protocol: /^https$/, error: "expected an https:// address" });

/** Used in callback data and in the evaluation set's labels ("elsewhere:<id>"): never renamed. */
export const elsewhereId = z.string().regex(/^[a-z0-9_]{1,32}$/, "expected 1-32 characters of a-z, 0-9 or _");

const alias = z.string().trim().min(2).max(60);

export const elsewhereItem = z
  .strictObject({
    id: elsewhereId,
    name: text(100),
    /** How people ask for it: everyday words and abbreviations (search folds tone marks). */
    aliases: z.strictObject({ vi: z.array(alias).min(1).max(30), en: z.array(alias).min(1).max(15) }),
    /**
     * The cases, papers and people it covers, in everyday words ("biệt tích", "bằng lái xe máy"):
     * search counts them like the names, as it does a procedure's keywords, but they are not names.
     */
    keywords: z.strictObject({ vi: z.array(alias).max(40), en: z.array(alias).max(20) }).optional(),
    /** Who decides, by kind of agency after the 2025 reform (never one province's office). */
    agency: text(200),
    /** Where to file, in one or two plain sentences. */
    where: text(400),
    /** What the commune or the commune police does do for it, if anything. */
    communePart: text(300).optional(),
    /** Official online routes; an app (VNeID) has a label and no address. */
    online: z
      .array(z.strictObject({ label: text(80), url: httpsUrl.optional() }))
      .max(4)
      .default([]),
    /** What to prepare, when a source states it. */
    prepare: z.array(text(200)).max(6).default([]),
    /** Legal document and article, or an official page: what the entry rests on. */
    sources: z
      .array(z.strictObject({ ref: z.string().trim().min(5).max(200), url: httpsUrl.optional() }))
      .min(1)
      .max(4),
    /** True only once someone has read the source text stating the facts above. */
    verified: z.boolean(),
    checkedAt: isoDate.optional(),
  })
  .refine((item) => !item.verified || item.checkedAt !== undefined, {
    message: "a verified entry needs checkedAt, the day it was checked",
    path: ["checkedAt"],
  });
export type ElsewhereItem = z.infer<typeof elsewhereItem>;
