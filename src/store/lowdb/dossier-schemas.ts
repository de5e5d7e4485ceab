import { z } from "zod";
import { DOSSIER_STATUSES } from "../../domain/dossiers/status.ts";

/** A dossier and a queued notification as the embedded store writes them. */
const status = z.enum(DOSSIER_STATUSES);
export const dossierSchema = z.strictObject({
  code: z.string().min(1),
  communeCode: z.string(),
  procedureCode: z.string().optional(),
  procedureName: z.string().optional(),
  applicantName: z.string(),
  receivedAt: z.string(),
  appointments: z.array(z.strictObject({ due: z.string(), setAt: z.string(), reason: z.string().optional() })),
  status,
  history: z.array(z.strictObject({ status, at: z.string(), note: z.string().optional() })),
  missing: z.array(z.string()).optional(),
  payment: z.strictObject({ amountVnd: z.number().optional(), where: z.string() }).optional(),
  reason: z.string().optional(),
  note: z.string().optional(),
  actBy: z.string().optional(),
  lookupKey: z.string().optional(),
  updatedAt: z.string(),
});
export const notificationSchema = z.strictObject({
  id: z.string(),
  chatId: z.number().int(),
  dossierCode: z.string(),
  status,
  locale: z.enum(["vi", "en"]),
  queuedAt: z.string(),
});
