import type { RejectedRow } from "../../domain/imports/types.ts";
import { rejectionText } from "../../i18n/import-reasons.ts";
import type { TFunction } from "../../i18n/index.ts";
import { plain } from "../../i18n/plain.ts";
import { MESSAGE_LIMIT, visibleLength } from "./html.ts";

/** What an uploaded file's import did, for the staff member who sent it. */
export interface ImportReport {
  kind: "dossiers" | "catalog";
  applied: boolean;
  /** added / updated / unchanged for an export, procedures for a posted list. */
  counts: Record<string, number>;
  rejected: RejectedRow[];
}

/** Room kept under Telegram's limit for the summary line of rows not listed. */
const SUMMARY_ROOM = 600;

/**
 * The import's report in one message: the counts, or every rejected row by line with why, in the
 * staff member's language. A long list is cut to fit Telegram's 4,096 characters and ends with
 * how many rows and which lines are not shown.
 */
export function importReportMessage(
  report: ImportReport,
  { t, commune, file }: { t: TFunction; commune: string; file: string },
): string {
  if (report.applied) return t(`upload.${report.kind}_done`, { commune, file, ...report.counts });
  let text = t("upload.rejected", { commune, file, count: report.rejected.length });
  // A reason is escaped as it is put in words: it goes in its line as it is.
  const asItIs = plain(t);
  let shown = 0;
  for (const row of report.rejected) {
    const line = asItIs("upload.rejected_line", { line: row.line, reason: rejectionText(row, t) });
    if (visibleLength(`${text}\n${line}`) > MESSAGE_LIMIT - SUMMARY_ROOM) break;
    text = `${text}\n${line}`;
    shown++;
  }
  const rest = report.rejected.slice(shown);
  if (rest.length === 0) return text;
  const lines = rest
    .slice(0, 40)
    .map((r) => r.line)
    .join(", ");
  return `${text}\n${t("upload.rejected_more", { count: rest.length, lines: rest.length > 40 ? `${lines}…` : lines })}`;
}
