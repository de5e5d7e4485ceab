import exceljs from "exceljs";
import { SheetError } from "../domain/imports/types.ts";
import { type Sheet, type SheetRecord, sheetFromRecords } from "./csv-sheet.ts";

/**
 * Reads an Excel workbook (.xlsx) as the one-stop systems export it: the first worksheet that
 * has rows, its row numbers as line numbers, the header row found as in CSV (title rows above
 * it are left out). Cells are read as the text a person sees: dates as dd/mm/yyyy HH:mm,
 * formulas as their result, rich text as its words. Throws a SheetError when the bytes are
 * not a workbook.
 */
export async function readXlsxSheet(bytes: Uint8Array, name: string, headers: ReadonlySet<string>): Promise<Sheet> {
  const workbook = new exceljs.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw new SheetError({
      line: 1,
      reason: `${name} could not be read as an Excel workbook (.xlsx): ${(error as Error).message}`,
    });
  }
  const worksheet = workbook.worksheets.find((w) => w.actualRowCount > 0);
  if (!worksheet) throw new SheetError({ line: 1, reason: `${name} has no rows` });
  const width = worksheet.columnCount;
  const records: SheetRecord[] = [];
  worksheet.eachRow((row, line) => {
    // Every row as wide as the sheet: a spreadsheet has no "missing" cells, only empty ones.
    const cells = Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value).trim());
    records.push({ line, cells });
  });
  return sheetFromRecords(records, headers);
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
