import { z } from "zod";
import { vietnamDay } from "../vietnam-time.ts";
import { CLOSED_STATUSES, DOSSIER_STATUSES, type DossierStatus, WAITING_ON_CITIZEN } from "./status.ts";

/** An appointment date (ngày hẹn trả); a later one replaces it when the center reschedules. */
export interface Appointment {
  /** When the result is due, ISO 8601. */
  due: string;
  /** When this date was set, ISO 8601. */
  setAt: string;
  /** Why it was moved (the apology slip's reason), when it was. */
  reason?: string;
}

export interface StatusChange {
  status: DossierStatus;
  at: string;
  note?: string;
}

/** A dossier (hồ sơ) handed in at a center, as its one-stop system reports it. */
export interface Dossier {
  /** Normalised code, e.g. "000.00.53.H48-220921-0099". */
  code: string;
  communeCode: string;
  procedureCode?: string;
  procedureName?: string;
  /** Stored to answer the owner; only ever shown masked ("N*** V** A"). */
  applicantName: string;
  receivedAt: string;
  /** Oldest first; the last one is the current appointment. */
  appointments: Appointment[];
  status: DossierStatus;
  /** Oldest first; the last one is the current status. */
  history: StatusChange[];
  /** For "needs supplement": the papers still missing. */
  missing?: string[];
  /** For "financial obligation": how much, and where to pay. */
  payment?: Payment;
  /** For "not accepted" and "stopped": why. */
  reason?: string;
  /** The center's current note (Ghi chú) for other statuses, e.g. which papers are missing. */
  note?: string;
  /** While the center waits for the citizen: the date to hand in the papers or pay by, when the export gives one. */
  actBy?: string;
  /** The short look-up key printed on the receipt (mã tra cứu), where the system has one. */
  lookupKey?: string;
  updatedAt: string;
}

/** What a dossier owes for "financial obligation": how much, and where to pay. */
export const paymentSchema = z.strictObject({ amountVnd: z.number().optional(), where: z.string() });
export type Payment = z.infer<typeof paymentSchema>;

const statusSchema = z.enum(DOSSIER_STATUSES);

/** A stored dossier, as read back (the state file, moving state between stores). */
export const dossierSchema = z.strictObject({
  code: z.string().min(1),
  communeCode: z.string(),
  procedureCode: z.string().optional(),
  procedureName: z.string().optional(),
  applicantName: z.string(),
  receivedAt: z.string(),
  appointments: z.array(z.strictObject({ due: z.string(), setAt: z.string(), reason: z.string().optional() })),
  status: statusSchema,
  history: z.array(z.strictObject({ status: statusSchema, at: z.string(), note: z.string().optional() })),
  missing: z.array(z.string()).optional(),
  payment: paymentSchema.optional(),
  reason: z.string().optional(),
  note: z.string().optional(),
  actBy: z.string().optional(),
  lookupKey: z.string().optional(),
  updatedAt: z.string(),
}) satisfies z.ZodType<Dossier>;

/** The current appointment. */
export function currentAppointment(dossier: Dossier): Appointment | undefined {
  return dossier.appointments.at(-1);
}

/**
 * Calendar days (in Vietnam) past the current appointment date, or 0; derived, never stored.
 * Only while the clock runs on the administration's side: not once closed, nor while it
 * waits for the citizen (supplement, payment).
 */
export function daysOverdue(dossier: Dossier, now: Date): number {
  const due = currentAppointment(dossier)?.due;
  if (!due || CLOSED_STATUSES.has(dossier.status) || WAITING_ON_CITIZEN.has(dossier.status)) return 0;
  return Math.max(0, vietnamDay(now.getTime()) - vietnamDay(new Date(due).getTime()));
}

/** True when the appointment was moved at least once (an apology slip was issued). */
export function wasRescheduled(dossier: Dossier): boolean {
  return dossier.appointments.length > 1;
}

/**
 * The applicant's name as it may be shown: each word's first letter, the rest starred, the
 * last word its initial only. "Nguyễn Văn An" -> "N*** V** A".
 */
export function maskName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .map((word, i) => {
      const first = [...word][0] ?? "";
      if (i === words.length - 1) return first;
      return `${first}${"*".repeat(Math.min(3, Math.max(1, [...word].length - 1)))}`;
    })
    .join(" ");
}
