/** A spreadsheet row as read from a file: header name -> cell, with its line number. */
export interface SheetRow {
  line: number;
  cells: Record<string, string>;
}

/** A row that was not accepted, with why. */
export interface RejectedRow {
  line: number;
  reason: string;
}

/**
 * A file that cannot be read as rows at all (not CSV or JSON, a legacy encoding, too large);
 * `rejected` is the one report line that says why, so it is reported like any rejected row.
 */
export class SheetError extends Error {
  override name = "SheetError";
  constructor(readonly rejected: RejectedRow) {
    super(`line ${rejected.line}: ${rejected.reason}`);
  }
}
