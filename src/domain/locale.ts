import { z } from "zod";

/** The languages the bot speaks; every user-facing text exists in each. */
export const LOCALES = ["vi", "en"] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;
