import { basename, extname } from "node:path";
import type { ImportLimits } from "../config.ts";
import type { FileReason, SaveAdvice } from "../domain/imports/reasons.ts";
import { type RejectedRow, rejectedRow, SheetError, type SheetRow } from "../domain/imports/types.ts";
import { csvRecords, type RowStream, type Sheet, sheetRows } from "./csv-sheet.ts";
import { bytesSource, decodeText, type ImportSource } from "./text-stream.ts";
import { xlsxRecords } from "./xlsx-sheet.ts";

/** The longest cell accepted: a dossier note is a few lines, never a book. */
export const MAX_CELL_CHARS = 10_000;

/** The kinds of file an import reads, by extension. */
export type ImportFileKind = ".csv" | ".xlsx" | ".json";

/** How an import reads a file: its limits, its header names and, for .json files, how to turn the text into rows. */
export interface ImportReadOptions {
  limits: ImportLimits;
  /** Turns JSON text into rows; throws a SheetError for what it cannot read. Absent: no .json. */
  json?: (text: string) => SheetRow[];
  /** The import's column names, folded: the header row is the top row naming most of them. */
  headers?: ReadonlySet<string>;
}

/** The kind of a file by its name, when the import reads that kind. */
export function importFileKind(name: string, options: Pick<ImportReadOptions, "json">): ImportFileKind | undefined {
  const kind = extname(name).toLowerCase();
  return kind === ".csv" || kind === ".xlsx" || (kind === ".json" && options.json)
    ? (kind as ImportFileKind)
    : undefined;
}

/**
 * Opens an import file (.csv, .xlsx, or .json when the import takes it) as a stream of rows:
 * its header first, then each row, or why a row does not fit it (a cell past MAX_CELL_CHARS
 * included). What makes the file unreadable is thrown as a SheetError, at the header or later
 * while the rows are read; so is a file with more rows than the import takes, once they are all
 * counted. JSON is read whole (it is not a format to stream). The caller has checked the kind
 * (importFileKind) and the size.
 */
export async function openImportRows(
  source: ImportSource,
  name: string,
  options: ImportReadOptions,
): Promise<RowStream> {
  const file = basename(name);
  const headers = options.headers ?? new Set<string>();
  const kind = importFileKind(name, options);
  const sheet =
    kind === ".xlsx"
      ? await sheetRows(xlsxRecords(source, file), headers, true)
      : kind === ".json" && options.json
        ? jsonRows(options.json(await wholeText(source, file, "export_json_utf8")))
        : await sheetRows(csvRecords(decodeText(source, file, "save_as_csv_utf8"), headers), headers);
  return { header: sheet.header, rows: checkedRows(sheet.rows, file, options.limits.maxRows) };
}

/**
 * Reads an import file's bytes into rows, all of them (a posted list is a few hundred rows).
 * Whatever is wrong with the content comes back as rejected lines, never as an exception, so
 * every import reports it like a bad row and applies nothing; `readable` is false when no row
 * could be read.
 */
export async function readImportBytes(
  bytes: Uint8Array,
  name: string,
  options: ImportReadOptions,
): Promise<Sheet & { readable: boolean }> {
  try {
    if (bytes.length > options.limits.maxBytes)
      throw new SheetError(1, tooLarge(name, bytes.length, options.limits.maxBytes));
    const sheet: Sheet = { rows: [], rejected: [] };
    for await (const row of (await openImportRows(bytesSource(bytes), name, options)).rows)
      if ("reasons" in row) sheet.rejected.push(row);
      else sheet.rows.push(row);
    return { ...sheet, readable: true };
  } catch (error) {
    if (error instanceof SheetError) return { rows: [], rejected: [error.rejected], readable: false };
    throw error;
  }
}

/** Rows with a cell past MAX_CELL_CHARS are rejected, naming the column (JSON has no record cap); rows are counted. */
async function* checkedRows(
  rows: AsyncIterable<SheetRow | RejectedRow>,
  file: string,
  maxRows: number,
): AsyncIterable<SheetRow | RejectedRow> {
  let count = 0;
  let firstOver = 0;
  for await (const row of rows) {
    if (++count === maxRows + 1) firstOver = row.line;
    if (count > maxRows) continue;
    const long =
      "cells" in row ? Object.entries(row.cells).find(([, value]) => value.length > MAX_CELL_CHARS) : undefined;
    yield long
      ? rejectedRow(row.line, { key: "cell_too_long", column: long[0], length: long[1].length, max: MAX_CELL_CHARS })
      : row;
  }
  if (count > maxRows) throw new SheetError(firstOver, { key: "file_too_many_rows", file, rows: count, max: maxRows });
}

function jsonRows(rows: SheetRow[]): RowStream {
  async function* each(): AsyncIterable<SheetRow> {
    yield* rows;
  }
  // JSON objects may each leave out optional keys: the header is every key seen.
  return { header: [...new Set(rows.flatMap((r) => Object.keys(r.cells)))], rows: each() };
}

async function wholeText(source: ImportSource, file: string, advice: SaveAdvice): Promise<string> {
  let text = "";
  for await (const piece of decodeText(source, file, advice)) text += piece;
  return text;
}

/**
 * Validates a sheet's rows with an import's own rules; rows the sheet already rejected for
 * their shape are reported with the others, in line order. Without a readable row, `empty` is
 * returned with the sheet's rejections, since the rules would only add "missing columns".
 */
export function validateSheet<T extends { rejected: RejectedRow[] }>(
  sheet: Sheet & { readable: boolean },
  validate: (rows: SheetRow[]) => T,
  empty: T,
): T {
  const result = sheet.readable && sheet.rows.length > 0 ? validate(sheet.rows) : empty;
  const rejected = [...sheet.rejected, ...result.rejected].sort((a, b) => a.line - b.line);
  if (rejected.length === 0 && sheet.rows.length === 0) rejected.push(rejectedRow(1, { key: "sheet_no_rows" }));
  return { ...result, rejected };
}

/** Why a file of `size` bytes is refused; sizes in MB to a tenth. */
export function tooLarge(file: string, size: number, max: number): FileReason {
  const mb = (n: number) => Math.round((n / 1_048_576) * 10) / 10;
  return { key: "file_too_large", file: basename(file), sizeMb: mb(size), maxMb: mb(max) };
}
