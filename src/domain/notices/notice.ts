import { z } from "zod";
import { geoPoint } from "../catalog/schema.ts";

/** A notice staff sent (or are sending) to a commune's residents. */
export const noticeSchema = z.strictObject({
  id: z.string(),
  communeCode: z.string(),
  text: z.string(),
  /** Telegram file id of an attached photo. */
  photo: z.string().optional(),
  location: geoPoint.optional(),
  /** Only residents who named one of these old units; absent: the whole commune. */
  oldUnitCodes: z.array(z.string()).optional(),
  createdBy: z.number().int(),
  createdAt: z.string(),
  status: z.enum(["sending", "done", "cancelled"]),
});
export type Notice = z.infer<typeof noticeSchema>;
