/**
 * Why an import refuses a row, or a whole file, as data: a stable key and what its sentence
 * needs — columns as the file names them, the cell's text, lines, limits. The words live in the
 * locales (`import_reason.<key>`): staff read them in their own language in the chat, the
 * command line prints them in English. One key, one sentence: a variant of a sentence (a limit
 * with or without the cell) is a key of its own.
 */
export type ImportReason = FileReason | SheetReason | DossierReason | PostedReason | CenterReason;

/** How to save a file again so that an import reads it. */
export type SaveAdvice = "save_as_csv_utf8" | "export_json_utf8";

/** The bytes cannot be read as text or as a workbook, or are too many. */
export type FileReason =
  | { key: "file_binary"; file: string; line: number; advice: SaveAdvice }
  | { key: "file_workbook"; file: string; kind: string; advice: SaveAdvice }
  | { key: "file_not_utf8"; file: string; line: number; advice: SaveAdvice }
  | { key: "file_bad_utf16"; file: string; advice: SaveAdvice }
  | { key: "file_empty"; file: string }
  | { key: "file_too_large"; file: string; sizeMb: number; maxMb: number }
  | { key: "file_too_many_rows"; file: string; rows: number; max: number }
  | { key: "workbook_unreadable"; file: string; message: string }
  | { key: "workbook_no_rows"; file: string };

/** The text is not a table the import can read. */
export type SheetReason =
  | { key: "sheet_empty" }
  | { key: "sheet_no_rows" }
  | { key: "csv_invalid"; message: string }
  | { key: "row_too_long"; max: number }
  | { key: "row_too_long_at_cell"; max: number; cell: number }
  | { key: "header_twice"; column: string; first: number; second: number }
  | { key: "row_missing_cells"; cells: number; columns: number; absent: string[] }
  | { key: "row_extra_cells"; cells: number; columns: number; last: string }
  | { key: "cell_without_column"; cell: number; text: string }
  | { key: "cell_too_long"; column: string; length: number; max: number }
  | { key: "missing_columns"; columns: string[] }
  | { key: "json_invalid"; message: string }
  | { key: "json_not_list"; found: JsonKind }
  | { key: "json_item_not_object"; position: number; found: JsonKind };

/** What a JSON value is, for a sentence ('an object with keys "rows"', 'the number 3'). */
export type JsonKind =
  | { type: "array" | "empty_object" | "null" }
  | { type: "object"; keys: string[] }
  | { type: "string" | "number" | "boolean"; text: string };

/** A row of a one-stop export that is not a dossier the import can store. */
export type DossierReason =
  | { key: "cell_empty"; column: string }
  | { key: "code_twice"; column: string; code: string; firstLine: number }
  | { key: "date_invalid"; column: string; text: string }
  | { key: "date_not_real"; column: string; text: string }
  | { key: "time_not_real"; column: string; text: string }
  | { key: "date_bad_offset"; column: string; text: string }
  | { key: "due_before_received"; dueColumn: string; due: string; receivedColumn: string; received: string }
  | { key: "status_unknown"; column: string; text: string }
  | { key: "status_labels_unknown"; column: string; labels: { label: string; lines: number[] }[]; known: string[] }
  | { key: "amount_invalid"; column: string; text: string }
  | { key: "amount_without_place"; column: string; text: string; placeColumn: string }
  | { key: "dossier_other_commune"; code: string; commune: string; into: string };

/** A row of a center's posted procedure list that does not fit the catalog. */
export type PostedReason =
  | { key: "posted_no_code_column" }
  | { key: "procedure_twice"; code: string }
  | { key: "procedure_code_invalid"; code: string }
  | { key: "procedure_code_empty" }
  | { key: "field_unknown"; field: string }
  | { key: "field_mismatch"; code: string; field: string; given: string };

/** A row of the merger lookup site's list of commune centers. */
export type CenterReason =
  | { key: "center_address_empty" }
  | { key: "center_not_coordinates"; lon: string; lat: string }
  | { key: "center_twice"; commune: string }
  | { key: "center_no_commune"; kind: string; name: string; province: string };
