import { basename, extname } from "node:path";
import type { ImportLimits } from "../config.ts";
import { type RejectedRow, SheetError, type SheetRow } from "../domain/imports/types.ts";
import { parseCsvSheet, type Sheet } from "./csv-sheet.ts";
import { readXlsxSheet } from "./xlsx-sheet.ts";

/** The longest cell accepted: a dossier note is a few lines, never a book. */
export const MAX_CELL_CHARS = 10_000;

const SAVE_AS_CSV = 'open it in Excel and use File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)"';

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
 * Reads an import file's bytes (.csv, .xlsx, or .json when the import takes it) into rows.
 * Whatever is wrong with the content comes back as rejected lines, never as an exception, so
 * every import reports it like a bad row and applies nothing; `readable` is false when no row
 * could be read. The caller has checked the kind (importFileKind).
 */
export async function readImportBytes(
  bytes: Uint8Array,
  name: string,
  options: ImportReadOptions,
): Promise<Sheet & { readable: boolean }> {
  const headers = options.headers ?? new Set<string>();
  try {
    if (bytes.length > options.limits.maxBytes)
      throw new SheetError({ line: 1, reason: tooLarge(name, bytes.length, options.limits.maxBytes) });
    const kind = importFileKind(name, options);
    const sheet =
      kind === ".xlsx"
        ? await readXlsxSheet(bytes, basename(name), headers)
        : kind === ".json" && options.json
          ? { rows: options.json(decodeImportText(bytes, basename(name))), rejected: [] }
          : parseCsvSheet(decodeImportText(bytes, basename(name)), headers);
    checkRowCount(sheet, name, options.limits.maxRows);
    return { ...withoutLongCells(sheet), readable: true };
  } catch (error) {
    if (error instanceof SheetError) return { rows: [], rejected: [error.rejected], readable: false };
    throw error;
  }
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
  if (rejected.length === 0 && sheet.rows.length === 0) rejected.push({ line: 1, reason: "the file has no rows" });
  return { ...result, rejected };
}

/**
 * Decodes a file's bytes: UTF-8 with or without a BOM, UTF-16 with a BOM (Excel's "Unicode
 * text"). Anything else is refused with how to save it right: a workbook (.xlsx/.xls renamed),
 * a legacy code page (Windows-1258, what Vietnamese Excel calls plain "CSV"), binary content.
 */
export function decodeImportText(bytes: Uint8Array, name: string): string {
  const advice = extname(name).toLowerCase() === ".json" ? "export it again as UTF-8 JSON" : SAVE_AS_CSV;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new SheetError({
      line: 1,
      reason: `${name} is an Excel workbook (or another zip file), not ${extname(name).slice(1).toUpperCase()}: ${advice}`,
    });
  }
  const utf16 = startsWith(bytes, [0xff, 0xfe]) ? "utf-16le" : startsWith(bytes, [0xfe, 0xff]) ? "utf-16be" : undefined;
  let text: string;
  try {
    // The decoder drops the BOM itself (ignoreBOM is false by default).
    text = new TextDecoder(utf16 ?? "utf-8", { fatal: true }).decode(bytes);
  } catch {
    if (utf16)
      throw new SheetError({ line: 1, reason: `${name} starts like UTF-16 text but is not (cut short?): ${advice}` });
    const line = firstBadUtf8Line(bytes);
    throw new SheetError({
      line,
      reason: `${name} is not UTF-8 text (first on line ${line}): it was probably saved in another encoding, such as Windows-1258; ${advice}`,
    });
  }
  const nul = text.indexOf("\0");
  if (nul >= 0) {
    const line = text.slice(0, nul).split("\n").length;
    throw new SheetError({
      line,
      reason: `${name} holds binary data (a NUL character on line ${line}), not text: ${advice}`,
    });
  }
  if (text.trim() === "") throw new SheetError({ line: 1, reason: `${name} is empty` });
  return text;
}

export function tooLarge(file: string, size: number, max: number): string {
  const mb = (n: number) => `${(n / 1_048_576).toFixed(1).replace(/\.0$/, "")} MB`;
  return `${basename(file)} is ${mb(size)}, more than the ${mb(max)} an import takes (IMPORT_MAX_MB): split it into smaller files`;
}

function checkRowCount(sheet: Sheet, file: string, maxRows: number): void {
  const count = sheet.rows.length + sheet.rejected.length;
  if (count <= maxRows) return;
  const line = [...sheet.rows, ...sheet.rejected].map((r) => r.line).sort((a, b) => a - b)[maxRows] ?? 1;
  throw new SheetError({
    line,
    reason: `${basename(file)} has ${count} rows, more than the ${maxRows} an import takes (IMPORT_MAX_ROWS): split it into smaller files`,
  });
}

/** Rejects rows with a cell past MAX_CELL_CHARS, naming its column (JSON has no record cap). */
function withoutLongCells(sheet: Sheet): Sheet {
  const result: Sheet = { rows: [], rejected: [...sheet.rejected] };
  for (const row of sheet.rows) {
    const long = Object.entries(row.cells).find(([, value]) => value.length > MAX_CELL_CHARS);
    if (long)
      result.rejected.push({
        line: row.line,
        reason: `${long[0]} holds ${long[1].length.toLocaleString("en")} characters, more than the ${MAX_CELL_CHARS.toLocaleString("en")} a cell may have`,
      });
    else result.rows.push(row);
  }
  return result;
}

/** The line of the first byte that is not UTF-8: a line feed byte never occurs inside a character. */
function firstBadUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end < 0 ? bytes.length : end;
    try {
      decoder.decode(bytes.subarray(start, stop));
    } catch {
      return line;
    }
    start = stop + 1;
  }
  return line;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}
