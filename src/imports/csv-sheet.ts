import { Readable } from "node:stream";
import { CsvError, type Options, parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import type { SheetReason } from "../domain/imports/reasons.ts";
import { type RejectedRow, rejectedRow, SheetError, type SheetRow } from "../domain/imports/types.ts";
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

/** A row of a file as read: its line (or spreadsheet row) number and its cells, trimmed. */
export interface SheetRecord {
  line: number;
  cells: string[];
}

/** A sheet as it is read: its header (found first), then row after row, or why a row does not fit it. */
export interface RowStream {
  header: string[];
  rows: AsyncIterable<SheetRow | RejectedRow>;
}

/** The rows a header row may be looked for in: title rows above it are a few lines at most. */
const HEADER_SEARCH_ROWS = 20;

/**
 * Turns a file's records into rows under its header row, as they come. Exports often print title
 * rows (the agency, the report's name and dates) above the header: the header is the first of
 * the top rows with the most cells naming a known column (`headers`, folded), or the first row
 * when none does. Rows above it are left out. Rows with every cell empty (spreadsheet leftovers)
 * are skipped. A row with fewer or more cells than the header is rejected at its line (in a
 * spreadsheet, `padded`, missing cells are only empty ones); a duplicated header name refuses
 * the file.
 */
export async function sheetRows(
  records: AsyncIterable<SheetRecord>,
  headers: ReadonlySet<string>,
  padded = false,
): Promise<RowStream> {
  const iterator = records[Symbol.asyncIterator]();
  const top: SheetRecord[] = [];
  while (top.length < HEADER_SEARCH_ROWS) {
    const next = await iterator.next();
    if (next.done) break;
    top.push(next.value);
  }
  const at = headerIndex(top, headers);
  const first = top[at];
  if (!first) throw new SheetError(1, { key: "sheet_empty" });
  const header = first.cells;
  checkHeader(header, first.line);
  async function* rest(): AsyncIterable<SheetRecord> {
    yield* top.slice(at + 1);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  async function* rows(): AsyncIterable<SheetRow | RejectedRow> {
    for await (const { line, cells } of rest()) {
      if (cells.every((c) => c === "")) continue;
      const shaped = padded
        ? Array.from({ length: Math.max(header.length, cells.length) }, (_, i) => cells[i] ?? "")
        : cells;
      const problem = shapeProblem(shaped, header);
      yield problem
        ? rejectedRow(line, problem)
        : { line, cells: Object.fromEntries(header.flatMap((name, i) => (name ? [[name, shaped[i] ?? ""]] : []))) };
    }
  }
  return { header, rows: rows() };
}

function headerIndex(records: SheetRecord[], headers: ReadonlySet<string>): number {
  let best = 0;
  let bestCount = 0;
  records.forEach(({ cells }, i) => {
    const count = cells.filter((c) => headers.has(foldVietnamese(c))).length;
    if (count > bestCount) [best, bestCount] = [i, count];
  });
  return best;
}

/**
 * Reads CSV text as it comes into records that keep their line numbers, so a rejected row can
 * be named as the user sees it in the sheet. The separator is the header's: "," or ";" (Excel
 * in a Vietnamese locale) or a tab (Excel's "Unicode text"), sniffed from the first lines.
 * Records start at the header row (see `headerLine`). Throws a SheetError where the text stops
 * being CSV.
 */
export async function* csvRecords(
  text: AsyncIterable<string>,
  headers: ReadonlySet<string>,
): AsyncIterable<SheetRecord> {
  const pieces = text[Symbol.asyncIterator]();
  let head = "";
  while (countLines(head) < HEADER_SEARCH_ROWS) {
    const next = await pieces.next();
    if (next.done) break;
    head += next.value;
  }
  const options: Options = {
    delimiter: sniffDelimiter(head),
    skip_empty_lines: true,
    info: true,
    relax_column_count: true,
    trim: true,
    max_record_size: MAX_RECORD_CHARS,
  };
  const parser = parse({ ...options, from_line: headerLine(head, options, headers) });
  async function* all(): AsyncIterable<string> {
    yield head;
    for (let next = await pieces.next(); !next.done; next = await pieces.next()) yield next.value;
  }
  const input = Readable.from(all());
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
      yield { line: info.lines, cells: record };
  } catch (error) {
    throw csvProblem(error);
  } finally {
    input.destroy();
  }
}

/**
 * The line the header row starts on, found in the first lines. The parser starts there because it
 * expects every record to have as many cells as its first: started on a one-cell title row, it
 * would build an error object for every row of the file (most of an import's memory).
 * Line 1 when the first lines are not CSV yet (the streaming parse then says where).
 */
function headerLine(head: string, options: Options, headers: ReadonlySet<string>): number {
  const complete = head.slice(0, head.lastIndexOf("\n") + 1);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseSync(complete, options) as unknown as typeof records;
  } catch {
    return 1;
  }
  const at = headerIndex(
    records.map(({ record, info }) => ({ line: info.lines, cells: record })),
    headers,
  );
  return at === 0 ? 1 : (records[at - 1]?.info.lines ?? 0) + 1;
}

function countLines(text: string): number {
  return text.split("\n").length - 1;
}

function csvProblem(error: unknown): unknown {
  if (!(error instanceof CsvError)) return error;
  const line = Number(error.lines ?? 1);
  if (error.code === "CSV_MAX_RECORD_SIZE") {
    const cell = Number((error as CsvError & { column?: unknown }).column) + 1;
    return new SheetError(
      line,
      Number.isInteger(cell)
        ? { key: "row_too_long_at_cell", max: MAX_RECORD_CHARS, cell }
        : { key: "row_too_long", max: MAX_RECORD_CHARS },
    );
  }
  return new SheetError(line, { key: "csv_invalid", message: error.message });
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
      throw new SheetError(line, { key: "header_twice", column: name, first: earlier + 1, second: i + 1 });
    }
    seen.set(key, i);
  });
}

/**
 * Why a row does not fit the header, if it does not. A row with cells past the header is
 * refused even when they are empty: its cells have most likely shifted right (a separator
 * inside a value that is not in quotes) and would land under the wrong columns.
 */
function shapeProblem(cells: string[], header: string[]): SheetReason | undefined {
  const counts = { cells: cells.length, columns: header.length };
  const absent = header.slice(cells.length).filter(Boolean);
  if (absent.length > 0) return { key: "row_missing_cells", ...counts, absent };
  if (cells.length > header.length) return { key: "row_extra_cells", ...counts, last: clip(cells.at(-1) ?? "") };
  const stray = cells.findIndex((c, i) => c !== "" && !header[i]);
  return stray < 0 ? undefined : { key: "cell_without_column", cell: stray + 1, text: clip(cells[stray] ?? "") };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
