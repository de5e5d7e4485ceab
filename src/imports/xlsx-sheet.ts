import { Readable } from "node:stream";
import type exceljs from "exceljs";
import { SheetError } from "../domain/imports/types.ts";
import type { SheetRecord } from "./csv-sheet.ts";
import type { ImportSource } from "./text-stream.ts";

/**
 * Reads an Excel workbook (.xlsx) as the one-stop systems export it, streamed (a workbook
 * loaded whole takes ten times its size in memory): the first worksheet that has rows, its row
 * numbers as line numbers. Cells are read as the text a person sees: dates as dd/mm/yyyy HH:mm,
 * formulas as their result, rich text as its words. Throws a SheetError when the bytes are not
 * a workbook. The library (some 20 MB in memory) is loaded at the first workbook read: a CSV
 * import never needs it.
 */
export async function* xlsxRecords(source: ImportSource, name: string): AsyncIterable<SheetRecord> {
  const { default: excel } = await import("exceljs");
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from(source()), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  let found = false;
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<exceljs.Row>) {
        const values = (row.values as exceljs.CellValue[]).slice(1);
        const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i]).trim());
        while (cells.at(-1) === "") cells.pop();
        if (cells.length === 0) continue;
        found = true;
        yield { line: row.number, cells };
      }
      if (found) return;
    }
  } catch (error) {
    if (error instanceof SheetError) throw error;
    throw new SheetError(1, { key: "workbook_unreadable", file: name, message: (error as Error).message });
  }
  if (!found) throw new SheetError(1, { key: "workbook_no_rows", file: name });
}

/** What the cell shows, as text. */
function cellText(value: exceljs.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return dateText(value);
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value)
    return cellText((value as exceljs.CellFormulaValue).result as exceljs.CellValue);
  if ("hyperlink" in value) return cellText(value.text as exceljs.CellValue);
  if ("error" in value) return String(value.error);
  return "";
}

/**
 * Excel dates have no time zone: the reader gives the wall-clock time as UTC fields. They are
 * written back as the sheet shows them, and the import reads them as Vietnamese local times.
 */
function dateText(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
  const hasTime = date.getUTCHours() + date.getUTCMinutes() + date.getUTCSeconds() > 0;
  return hasTime ? `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}` : day;
}
