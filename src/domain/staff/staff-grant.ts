import { z } from "zod";

/** A staff member's right to act for one commune. */
export const staffGrantSchema = z.strictObject({
  userId: z.number().int(),
  communeCode: z.string().regex(/^\d{5}$/),
  grantedBy: z.number().int(),
  grantedAt: z.string(),
});
export type StaffGrant = z.infer<typeof staffGrantSchema>;
