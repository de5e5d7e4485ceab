import { CLOSED_STATUSES, type DossierStatus, WAITING_ON_CITIZEN } from "./status.ts";

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
  payment?: { amountVnd?: number; where: string };
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

/** The current appointment. */
export function currentAppointment(dossier: Dossier): Appointment | undefined {
  return dossier.appointments.at(-1);
}

/** Vietnam is UTC+7 all year: calendar days are counted there. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const vietnamDay = (time: number) => Math.floor((time + VIETNAM_OFFSET_MS) / 86_400_000);

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
