/**
 * The national portal's ten standard dossier statuses (DVCQG synchronisation list, numbered
 * 1-10). Their official Vietnamese names live in data/dossier-statuses.json (for reading
 * exports); what citizens read (label, next step) lives in locales/ under dossier.status.
 */
export const DOSSIER_STATUSES = [
  "new",
  "received",
  "not_accepted",
  "in_process",
  "needs_supplement",
  "financial_obligation",
  "withdrawn",
  "stopped",
  "done",
  "returned",
] as const;

export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** Statuses after which the appointment date no longer matters: nothing can be late. */
export const CLOSED_STATUSES: ReadonlySet<DossierStatus> = new Set([
  "not_accepted",
  "withdrawn",
  "stopped",
  "done",
  "returned",
]);

/**
 * Statuses where the clock is stopped on the citizen's side (papers to bring, fees to pay): the
 * appointment date is not the administration's to keep until they act, so nothing is late.
 */
export const WAITING_ON_CITIZEN: ReadonlySet<DossierStatus> = new Set(["needs_supplement", "financial_obligation"]);
