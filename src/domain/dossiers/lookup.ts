import { type DossierCodeFormat, parseDossierCode } from "./code-format.ts";
import type { Dossier } from "./dossier.ts";
import type { LookupLimiter } from "./limiter.ts";
import type { LookupLog } from "./lookup-record.ts";
import type { DossierReport } from "./report.ts";
import type { DossierRepository } from "./repository.ts";

/** What the provincial system answered, when one is configured. */
export type RemoteAnswer = { kind: "found"; report: DossierReport } | { kind: "not_found" } | { kind: "unavailable" };

export interface LookupDeps {
  dossiers: Pick<DossierRepository, "get" | "applyReports">;
  log: LookupLog;
  limiter: LookupLimiter;
  format: DossierCodeFormat;
  /** Receipts carry a short look-up key (mã tra cứu) that must be given too. */
  requireKey: boolean;
  /** The pseudonym under which a user's look-ups are recorded and limited. */
  pseudonym: (userId: number) => string;
  /** The provincial system, asked when we do not know the code (optional). */
  remote?: (code: string) => Promise<RemoteAnswer>;
}

export interface LookupRequest {
  userId: number;
  /** The asker's commune, recorded when the dossier is not found. */
  communeCode?: string;
  input: string;
  key?: string;
  now: Date;
}

export type LookupResult =
  | { kind: "malformed"; example: string }
  | { kind: "limited"; retryAfterMs: number; reason: "rate" | "cooldown" }
  | { kind: "needs_key"; code: string }
  | { kind: "not_found"; code: string; remoteDown: boolean }
  | { kind: "found"; dossier: Dossier };

/**
 * Looks a dossier up by the code a citizen typed. A malformed code is not a look-up (nothing is
 * recorded or counted). Every real look-up is recorded under the user's pseudonym and counted
 * against their limits. A wrong look-up key answers exactly like an unknown code, and so does a
 * code of another commune: the answer never tells whether a code exists.
 */
export async function lookupDossier(deps: LookupDeps, request: LookupRequest): Promise<LookupResult> {
  const code = parseDossierCode(request.input, deps.format);
  if (!code) return { kind: "malformed", example: deps.format.example };
  if (deps.requireKey && !request.key) return { kind: "needs_key", code };
  const user = deps.pseudonym(request.userId);
  const verdict = await deps.limiter.take(user, request.now.getTime());
  if (!verdict.allowed) return { kind: "limited", retryAfterMs: verdict.retryAfterMs, reason: verdict.reason };
  const { dossier, remoteDown } = await find(deps, code, request.now);
  const visible = dossier && (!deps.requireKey || sameKey(dossier.lookupKey, request.key)) ? dossier : undefined;
  await deps.limiter.note(user, visible !== undefined, request.now.getTime());
  const communeCode = visible?.communeCode ?? request.communeCode;
  await deps.log.record({
    at: request.now.toISOString(),
    code,
    found: visible !== undefined,
    user,
    ...(communeCode ? { communeCode } : {}),
  });
  return visible ? { kind: "found", dossier: visible } : { kind: "not_found", code, remoteDown };
}

/** Our copy first; the provincial system (if any) for fresher news, and for codes we lack. */
async function find(deps: LookupDeps, code: string, now: Date): Promise<{ dossier?: Dossier; remoteDown: boolean }> {
  const local = await deps.dossiers.get(code);
  if (!deps.remote) return { ...(local ? { dossier: local } : {}), remoteDown: false };
  const answer = await deps.remote(code);
  if (answer.kind === "found") {
    await deps.dossiers.applyReports([answer.report], now);
    const fresh = await deps.dossiers.get(code);
    return { ...(fresh ? { dossier: fresh } : {}), remoteDown: false };
  }
  return { ...(local ? { dossier: local } : {}), remoteDown: answer.kind === "unavailable" };
}

const sameKey = (expected: string | undefined, given: string | undefined) =>
  expected !== undefined && given !== undefined && expected.trim().toUpperCase() === given.trim().toUpperCase();
