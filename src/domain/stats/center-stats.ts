import type { LookupRecord } from "../dossiers/lookup-record.ts";
import { redactPersonal } from "../privacy/redact.ts";
import { foldVietnamese } from "../text/fold.ts";
import { vietnamDate } from "../vietnam-time.ts";
import type { UsageEvent } from "./usage-event.ts";

/** What the statistics read: usage events and recorded look-ups. */
export interface StatsInput {
  events: UsageEvent[];
  lookups: LookupRecord[];
}

export interface CenterStats {
  communeCode: string;
  days: number;
  /** One entry per day, oldest first (dates in Vietnam, YYYY-MM-DD). */
  perDay: { date: string; searches: number; lookups: number }[];
  topQueries: { query: string; count: number }[];
  unansweredQueries: { query: string; count: number }[];
  topProcedures: { code: string; views: number }[];
  checklists: number;
  lookups: { found: number; notFound: number };
  /** How citizens opened the bot here: a poster's QR code, a shared card, or neither. */
  arrivals: { qr: number; share: number; direct: number };
}

/** How many entries the "top" lists keep. */
const TOP = 10;

/**
 * A commune center's figures over the last `days` days (today included, Vietnam time): searches
 * and look-ups per day, top queries, queries nothing answered, most viewed procedures,
 * checklists made, look-ups found and not found, arrivals by where they came from. Queries are
 * grouped as typed, ignoring case and tone marks, and shown as first typed, with phone numbers,
 * ids, e-mails and codes (of `codePattern`, the deployment's DOSSIER_CODE_PATTERN) hidden.
 */
export function centerStats(
  input: StatsInput,
  communeCode: string,
  now: Date,
  days: number,
  codePattern?: RegExp,
): CenterStats {
  const perDay = Array.from({ length: days }, (_, i) => ({
    date: vietnamDate(now.getTime() - (days - 1 - i) * 86_400_000),
    searches: 0,
    lookups: 0,
  }));
  const day = new Map(perDay.map((d) => [d.date, d]));
  const dayOf = (at: string) => day.get(vietnamDate(new Date(at).getTime()));
  // Only the days shown: an event of "tomorrow" (another instance's clock a little ahead around
  // midnight) waits for its day rather than count in the lists and not in the chart.
  const events = input.events.filter((e) => e.communeCode === communeCode && dayOf(e.at));
  const lookups = input.lookups.filter((l) => l.communeCode === communeCode && dayOf(l.at));
  for (const e of events)
    if (e.kind === "search" || e.kind === "unanswered") (dayOf(e.at) as { searches: number }).searches++;
  for (const l of lookups) (dayOf(l.at) as { lookups: number }).lookups++;
  const searched = events.filter((e) => e.kind === "search" || e.kind === "unanswered");
  return {
    communeCode,
    days,
    perDay,
    topQueries: countQueries(searched, codePattern),
    unansweredQueries: countQueries(
      events.filter((e) => e.kind === "unanswered"),
      codePattern,
    ),
    topProcedures: top(events.filter((e) => e.kind === "card").map((e) => e.procedureCode ?? "")).map(
      ([code, views]) => ({ code, views }),
    ),
    checklists: events.filter((e) => e.kind === "checklist").length,
    lookups: { found: lookups.filter((l) => l.found).length, notFound: lookups.filter((l) => !l.found).length },
    arrivals: countArrivals(events),
  };
}

function countArrivals(events: UsageEvent[]): CenterStats["arrivals"] {
  const arrivals = { qr: 0, share: 0, direct: 0 };
  for (const e of events) if (e.kind === "arrival") arrivals[e.source ?? "direct"]++;
  return arrivals;
}

/** Redacted again when counted: queries recorded before redaction existed are shown redacted too. */
function countQueries(events: { query?: string }[], codePattern: RegExp | undefined) {
  const shown = new Map<string, string>();
  const keys = events.map((e) => {
    const query = redactPersonal(e.query ?? "", codePattern).trim();
    const key = foldVietnamese(query);
    if (!shown.has(key)) shown.set(key, query);
    return key;
  });
  return top(keys.filter(Boolean)).map(([key, count]) => ({ query: shown.get(key) ?? key, count }));
}

/** The most frequent values, most first, ties in first-seen order. */
function top(values: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP);
}
