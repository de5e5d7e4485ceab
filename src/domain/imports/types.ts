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
