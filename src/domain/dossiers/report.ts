import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { type Dossier, paymentSchema } from "./dossier.ts";
import { DOSSIER_STATUSES, WAITING_ON_CITIZEN } from "./status.ts";

/** What a source (an export file, the provincial API) says about one dossier now. */
export type DossierReport = Pick<
  Dossier,
  | "code"
  | "communeCode"
  | "procedureCode"
  | "procedureName"
  | "applicantName"
  | "receivedAt"
  | "status"
  | "missing"
  | "payment"
  | "actBy"
  | "lookupKey"
> & {
  /** The appointment date as the source has it now. */
  due?: string;
  /** Free text from the source (Ghi chú): the reason of a rescheduling or a refusal... */
  note?: string;
};

/** Reports as JSON (queued imports, sample dossiers). */
export const dossierReportSchema = z.strictObject({
  code: z.string(),
  communeCode: z.string(),
  procedureCode: z.string().optional(),
  procedureName: z.string().optional(),
  applicantName: z.string(),
  receivedAt: z.string(),
  due: z.string().optional(),
  status: z.enum(DOSSIER_STATUSES),
  note: z.string().optional(),
  missing: z.array(z.string()).optional(),
  payment: paymentSchema.optional(),
  actBy: z.string().optional(),
  lookupKey: z.string().optional(),
}) satisfies z.ZodType<DossierReport>;

export type ReportOutcome = "added" | "updated" | "unchanged";

export interface AppliedReport {
  dossier: Dossier;
  outcome: ReportOutcome;
  /** Set when the status changed: subscribers are told once. */
  statusChanged: boolean;
}

/**
 * Merges a report into what we know. A new appointment date is added to the history (with the
 * note as its reason), never overwritten; a new status is added to the status history. The same
 * report twice changes nothing, so importing a file again notifies nobody.
 */
export function applyReport(existing: Dossier | undefined, report: DossierReport, now: Date): AppliedReport {
  const at = now.toISOString();
  if (!existing) {
    const dossier: Dossier = {
      ...details(report),
      code: report.code,
      communeCode: report.communeCode,
      applicantName: report.applicantName,
      receivedAt: report.receivedAt,
      appointments: report.due ? [{ due: report.due, setAt: at }] : [],
      status: report.status,
      history: [{ status: report.status, at, ...(report.note ? { note: report.note } : {}) }],
      updatedAt: at,
    };
    return { dossier, outcome: "added", statusChanged: false };
  }
  const dossier: Dossier = structuredClone(existing);
  const statusChanged = existing.status !== report.status;
  if (statusChanged) {
    dossier.status = report.status;
    dossier.history.push({ status: report.status, at, ...(report.note ? { note: report.note } : {}) });
  }
  if (report.due && existing.appointments.at(-1)?.due !== report.due) {
    const first = existing.appointments.length === 0;
    dossier.appointments.push({
      due: report.due,
      setAt: at,
      ...(!first && report.note ? { reason: report.note } : {}),
    });
  }
  Object.assign(dossier, {
    communeCode: report.communeCode,
    applicantName: report.applicantName,
    receivedAt: report.receivedAt,
  });
  for (const key of [
    "procedureCode",
    "procedureName",
    "missing",
    "payment",
    "reason",
    "note",
    "actBy",
    "lookupKey",
  ] as const)
    delete dossier[key];
  Object.assign(dossier, details(report));
  if (isDeepStrictEqual({ ...dossier, updatedAt: "" }, { ...existing, updatedAt: "" }))
    return { dossier: existing, outcome: "unchanged", statusChanged: false };
  dossier.updatedAt = at;
  return { dossier, outcome: "updated", statusChanged };
}

/** The optional facts of a report, as stored on the dossier. */
function details(report: DossierReport): Partial<Dossier> {
  const refused = report.status === "not_accepted" || report.status === "stopped";
  return {
    ...(report.procedureCode ? { procedureCode: report.procedureCode } : {}),
    ...(report.procedureName ? { procedureName: report.procedureName } : {}),
    ...(report.status === "needs_supplement" && report.missing?.length ? { missing: report.missing } : {}),
    ...(report.status === "financial_obligation" && report.payment ? { payment: report.payment } : {}),
    ...(refused && report.note ? { reason: report.note } : {}),
    ...(!refused && report.note ? { note: report.note } : {}),
    ...(WAITING_ON_CITIZEN.has(report.status) && report.actBy ? { actBy: report.actBy } : {}),
    ...(report.lookupKey ? { lookupKey: report.lookupKey } : {}),
  };
}
