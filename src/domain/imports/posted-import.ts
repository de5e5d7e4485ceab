import type { Catalog } from "../catalog/catalog.ts";
import type { PostedList } from "../catalog/schema.ts";
import { foldVietnamese } from "../text/fold.ts";
import type { RejectedRow, SheetRow } from "./types.ts";

/** Header names a center's spreadsheet may use for each column (folded). */
const COLUMNS = {
  code: ["code", "ma tthc", "ma thu tuc", "ma"],
  field: ["field", "linh vuc"],
  note: ["local_note", "note", "ghi chu", "luu y"],
} as const;
/** Every header name of a posted list, folded: to find the header row under title rows. */
export const POSTED_HEADERS: ReadonlySet<string> = new Set(Object.values(COLUMNS).flat());

export interface PostedImport {
  procedures: PostedList["procedures"];
  rejected: RejectedRow[];
}

/**
 * Validates a center's posted list, row by row: the code must be in the catalog, the field (if
 * given, as id or Vietnamese name) must be the procedure's own, no code twice. The caller applies
 * it only when nothing was rejected.
 */
export function readPostedRows(rows: SheetRow[], catalog: Catalog): PostedImport {
  const result: PostedImport = { procedures: [], rejected: [] };
  const header = Object.keys(rows[0]?.cells ?? {});
  const column = (names: readonly string[]) => header.find((h) => names.includes(foldVietnamese(h)));
  const codeColumn = column(COLUMNS.code);
  if (!codeColumn) return { procedures: [], rejected: [{ line: 1, reason: "no column for the procedure code (code / Mã TTHC)" }] };
  const fieldColumn = column(COLUMNS.field);
  const noteColumn = column(COLUMNS.note);
  const seen = new Set<string>();
  for (const { line, cells } of rows) {
    const code = (cells[codeColumn] ?? "").trim();
    const fieldText = fieldColumn ? (cells[fieldColumn] ?? "").trim() : "";
    const note = noteColumn ? (cells[noteColumn] ?? "").trim() : "";
    const procedure = catalog.procedure(code);
    const field = fieldText ? catalog.fields.find((f) => f.id === fieldText || foldVietnamese(f.name.vi) === foldVietnamese(fieldText)) : undefined;
    let reason: string | undefined;
    if (!procedure) reason = code ? `unknown procedure code "${code}"` : "the code is empty";
    else if (seen.has(code)) reason = `procedure ${code} is listed twice`;
    else if (fieldText && !field) reason = `unknown field "${fieldText}"`;
    else if (field && field.id !== procedure.field) reason = `procedure ${code} belongs to field ${procedure.field}, not ${field.id}`;
    if (reason) {
      result.rejected.push({ line, reason });
      continue;
    }
    seen.add(code);
    result.procedures.push({ code, ...(field ? { field: field.id } : {}), ...(note ? { note } : {}) });
  }
  return result;
}
