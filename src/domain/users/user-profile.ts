import { z } from "zod";
import { LocaleSchema } from "../locale.ts";

/** What we remember about one Telegram user. */
export const userProfileSchema = z.strictObject({
  /** Chosen with /lang; absent means "follow Telegram's language". */
  locale: LocaleSchema.optional(),
  /** The commune whose center serves them. */
  communeCode: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  /** The old unit they named when choosing, if any (for notices to old communes). */
  oldUnitCode: z.string().min(1).optional(),
  /** Receives its commune's notices. */
  notices: z.boolean().optional(),
  /** Blocked the bot: nothing is sent to them until they write again. */
  inactive: z.boolean().optional(),
});
export type UserProfile = z.infer<typeof userProfileSchema>;
