import type { ImportReason } from "./reasons.ts";

/** A spreadsheet row as read from a file: header name -> cell, with its line number. */
export interface SheetRow {
  line: number;
  cells: Record<string, string>;
}

/** A row that was not accepted, with why: as data, put in words by whoever reports it (see reasons.ts). */
export interface RejectedRow {
  line: number;
  /** Every problem of the row, so one pass over the file fixes it. */
  reasons: ImportReason[];
  /** Said once for the whole file, after the first such row's reasons (the status labels it knows). */
  hint?: ImportReason;
}

/** A row rejected for one reason. */
export const rejectedRow = (line: number, reason: ImportReason): RejectedRow => ({ line, reasons: [reason] });

/**
 * A file that cannot be read as rows at all (not CSV or JSON, a legacy encoding, too large);
 * `rejected` is the one report line that says why, so it is reported like any rejected row.
 */
export class SheetError extends Error {
  override name = "SheetError";
  readonly rejected: RejectedRow;
  constructor(line: number, reason: ImportReason) {
    super(`line ${line}: ${reason.key}`);
    this.rejected = rejectedRow(line, reason);
  }
}
