import type { DossierReport, ReportOutcome } from "./report.ts";

/** Reports as an import hands them over: a list, or read from a file as they come. */
export type ReportStream = Iterable<DossierReport> | AsyncIterable<DossierReport>;

/**
 * Hands validated reports to the store: applied at once when no bot is running on this state,
 * else queued for the running bot (one writer per state file). Implemented in store/.
 */
export type SubmitReports = (
  reports: ReportStream,
  now: Date,
) => Promise<{ outcomes: ReportOutcome[]; via: "applied" | "queued" }>;

/** The communes the given dossiers are stored under (codes not stored are left out). Implemented in store/. */
export type CommunesOf = (codes: string[]) => Promise<Map<string, string>>;
