import type { RejectedRow } from "../../domain/imports/types.ts";
import { rejectionText } from "../../i18n/import-reasons.ts";
import { createI18n, type TFunction } from "../../i18n/index.ts";
import { plain } from "../../i18n/plain.ts";

/** A rejected row as the command line reports it, in text and in JSON: its line and why, in English. */
export interface PrintedRow {
  line: number;
  reason: string;
}

let english: Promise<TFunction> | undefined;

/** Rejected rows in English, worded by the locale the chat's English speakers read. */
export async function inEnglish(rows: RejectedRow[]): Promise<PrintedRow[]> {
  english ??= createI18n("en").then((i18n) => plain(i18n.translator("en")));
  const t = await english;
  return rows.map((row) => ({ line: row.line, reason: rejectionText(row, t) }));
}

/** Prints an import's outcome: as JSON with --json, else as lines a person reads. */
export async function printReport(
  report: { applied: boolean; rejected: RejectedRow[] } & Record<string, unknown>,
  json: boolean,
  summary: string,
): Promise<void> {
  const rejected = await inEnglish(report.rejected);
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...report, rejected })}\n`);
    return;
  }
  for (const r of rejected) process.stdout.write(`line ${r.line}: ${r.reason}\n`);
  process.stdout.write(`${summary}\n`);
}
