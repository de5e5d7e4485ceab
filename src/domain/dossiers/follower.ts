import { z } from "zod";
import { LocaleSchema } from "../locale.ts";

/** A chat that asked to be told when a dossier changes. */
export const dossierFollowerSchema = z.strictObject({
  code: z.string(),
  chatId: z.number().int(),
  locale: LocaleSchema,
});
export type DossierFollower = z.infer<typeof dossierFollowerSchema>;
