import { CsvError, parse } from "csv-parse/sync";
import { type RejectedRow, SheetError, type SheetRow } from "../domain/imports/types.ts";
import { foldVietnamese } from "../domain/text/fold.ts";

/**
 * The longest CSV record read, in characters. Past it the file is refused at that line: a quote
 * opened and never closed would otherwise swallow the rest of the file into one cell.
 */
export const MAX_RECORD_CHARS = 100_000;

/** A sheet read from a file: the rows that have the header's shape, and those that do not. */
export interface Sheet {
  rows: SheetRow[];
  rejected: RejectedRow[];
}

/**
 * Reads CSV text (decoded, without BOM) into rows that keep their line numbers, so a rejected
 * row can be named as the user sees it in the sheet. The separator is the header's: "," or ";"
 * (Excel in a Vietnamese locale) or a tab (Excel's "Unicode text"). The header row is found
 * with `headers` (see sheetFromRecords). Throws a SheetError when the text is not CSV at all.
 */
export function parseCsvSheet(text: string, headers: ReadonlySet<string> = new Set()): Sheet {
  return sheetFromRecords(parseRecords(text), headers);
}

/** The rows a header row may be looked for in: title rows above it are a few lines at most. */
const HEADER_SEARCH_ROWS = 20;

/**
 * Turns a sheet's records into rows under its header row. Exports often print title rows (the
 * agency, the report's name and dates) above the header: the header is the first of the top
 * rows with the most cells naming a known column (`headers`, folded), or the first row when
 * none does. Rows above it are left out. Cells are trimmed; rows with every cell empty
 * (spreadsheet leftovers) are skipped. A row with fewer or more cells than the header is
 * rejected at its line; a duplicated header name refuses the file.
 */
export function sheetFromRecords(records: SheetRecord[], headers: ReadonlySet<string>): Sheet {
  const at = headerIndex(records, headers);
  const first = records[at];
  if (!first) throw new SheetError({ line: 1, reason: "the file is empty" });
  const header = first.cells;
  checkHeader(header, first.line);
  const sheet: Sheet = { rows: [], rejected: [] };
  for (const { line, cells } of records.slice(at + 1)) {
    if (cells.every((c) => c === "")) continue;
    const problem = shapeProblem(cells, header);
    if (problem) sheet.rejected.push({ line, reason: problem });
    else
      sheet.rows.push({
        line,
        cells: Object.fromEntries(header.flatMap((name, i) => (name ? [[name, cells[i] ?? ""]] : []))),
      });
  }
  return sheet;
}

function headerIndex(records: SheetRecord[], headers: ReadonlySet<string>): number {
  let best = 0;
  let bestCount = 0;
  records.slice(0, HEADER_SEARCH_ROWS).forEach(({ cells }, i) => {
    const count = cells.filter((c) => headers.has(foldVietnamese(c))).length;
    if (count > bestCount) [best, bestCount] = [i, count];
  });
  return best;
}

/** A row of a file as read: its line (or spreadsheet row) number and its cells, trimmed. */
export interface SheetRecord {
  line: number;
  cells: string[];
}

function parseRecords(text: string): SheetRecord[] {
  try {
    const options = {
      delimiter: sniffDelimiter(text),
      skip_empty_lines: true,
      info: true,
      relax_column_count: true,
      trim: true,
      max_record_size: MAX_RECORD_CHARS,
    } as const;
    const records = parse(text, options) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = Number(error.lines ?? 1);
    if (error.code === "CSV_MAX_RECORD_SIZE") {
      const cell = Number((error as CsvError & { column?: unknown }).column) + 1;
      const where = Number.isInteger(cell) ? ` (cell ${cell})` : "";
      throw new SheetError({
        line,
        reason: `the row is longer than ${MAX_RECORD_CHARS.toLocaleString("en")} characters${where}: a quote (") opened and never closed, or text pasted by mistake?`,
      });
    }
    throw new SheetError({ line, reason: `the file is not valid CSV: ${error.message}` });
  }
}

/**
 * The separator the first line with one uses most: ",", ";" or a tab. A title line above the
 * header ("UBND XÃ CHIÊU LƯU") usually has none.
 */
function sniffDelimiter(text: string): string {
  const lines = text.trimStart().split("\n", HEADER_SEARCH_ROWS);
  const separators = [",", ";", "\t"];
  const line = lines.find((l) => separators.some((c) => l.includes(c))) ?? "";
  const count = (c: string) => line.split(c).length - 1;
  return separators.reduce((best, c) => (count(c) > count(best) ? c : best));
}

/** Two headers that fold to the same name would both claim one column of the import. */
function checkHeader(header: string[], line: number): void {
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    if (!name) return;
    const key = foldVietnamese(name);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new SheetError({
        line,
        reason: `the header has column "${name}" twice (columns ${earlier + 1} and ${i + 1}): rename or delete one`,
      });
    }
    seen.set(key, i);
  });
}

/**
 * Why a row does not fit the header, if it does not. A row with cells past the header is
 * refused even when they are empty: its cells have most likely shifted right (a separator
 * inside a value that is not in quotes) and would land under the wrong columns.
 */
function shapeProblem(cells: string[], header: string[]): string | undefined {
  const counts = `the row has ${cells.length} cells but the header has ${header.length} columns`;
  const absent = header
    .slice(cells.length)
    .filter(Boolean)
    .map((h) => `"${h}"`);
  if (absent.length > 0) return `${counts}: no cell for ${absent.join(", ")}`;
  if (cells.length > header.length) {
    const last = `"${clip(cells.at(-1) ?? "")}"`;
    return `${counts}, the last being ${last}: a separator inside a value that is not in quotes?`;
  }
  const stray = cells.findIndex((c, i) => c !== "" && !header[i]);
  return stray < 0
    ? undefined
    : `cell ${stray + 1} "${clip(cells[stray] ?? "")}" is under a column with no name in the header`;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
