import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { SheetRow } from "../domain/imports/types.ts";

/**
 * Reads a CSV spreadsheet (UTF-8, header row; a BOM from Excel is fine) into rows that keep
 * their line numbers, so a rejected row can be named as the user sees it in the sheet.
 */
export async function readCsvSheet(file: string): Promise<SheetRow[]> {
  const text = await readFile(file, "utf8");
  const records = parse(text, { bom: true, columns: true, skip_empty_lines: true, info: true, relax_column_count: true, trim: true }) as {
    record: Record<string, string>;
    info: { lines: number };
  }[];
  return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
}
