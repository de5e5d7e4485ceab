import type { RejectedRow } from "../../src/domain/imports/types.ts";
import { rejectionText } from "../../src/i18n/import-reasons.ts";
import { createI18n } from "../../src/i18n/index.ts";
import { plain } from "../../src/i18n/plain.ts";

const english = plain((await createI18n("en")).translator("en"));

/** Rejected rows as the command line words them: the line and why, in English. */
export const inEnglish = (rows: RejectedRow[]) =>
  rows.map((row) => ({ line: row.line, reason: rejectionText(row, english) }));

/** One rejected row's reason, in English. */
export const reasonOf = (row: RejectedRow | undefined) => (row ? rejectionText(row, english) : undefined);
