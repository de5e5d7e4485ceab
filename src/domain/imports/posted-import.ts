import type { Catalog } from "../catalog/catalog.ts";
import type { PostedList } from "../catalog/schema.ts";
import { foldVietnamese } from "../text/fold.ts";
import type { PostedReason } from "./reasons.ts";
import { type RejectedRow, rejectedRow, type SheetRow } from "./types.ts";

/** Header names a center's spreadsheet may use for each column (folded). */
const COLUMNS = {
  code: ["code", "ma tthc", "ma thu tuc", "ma"],
  field: ["field", "linh vuc"],
  note: ["local_note", "note", "ghi chu", "luu y"],
  name: ["name", "ten thu tuc", "ten tthc", "thu tuc"],
} as const;
/** Every header name of a posted list, folded: to find the header row under title rows. */
export const POSTED_HEADERS: ReadonlySet<string> = new Set(Object.values(COLUMNS).flat());

export interface PostedImport {
  procedures: PostedList["procedures"];
  /** National codes on the center's list that the catalog has no entry for yet. */
  uncatalogued: PostedList["uncatalogued"];
  rejected: RejectedRow[];
}

/** The shape of a national database code: the center may post one the catalog lacks. */
const NATIONAL_CODE = /^\d\.\d{6}$/;

/**
 * Validates a center's posted list, row by row: the code must be in the catalog or look like a
 * national code (then it is set aside as not in the catalog yet), the field (if given, as id or
 * Vietnamese name) must be the procedure's own, no code twice. The caller applies it only when
 * nothing was rejected.
 */
export function readPostedRows(rows: SheetRow[], catalog: Catalog): PostedImport {
  const result: PostedImport = { procedures: [], uncatalogued: [], rejected: [] };
  const header = Object.keys(rows[0]?.cells ?? {});
  const column = (names: readonly string[]) => header.find((h) => names.includes(foldVietnamese(h)));
  const codeColumn = column(COLUMNS.code);
  if (!codeColumn)
    return {
      procedures: [],
      uncatalogued: [],
      rejected: [rejectedRow(1, { key: "posted_no_code_column" })],
    };
  const fieldColumn = column(COLUMNS.field);
  const noteColumn = column(COLUMNS.note);
  const nameColumn = column(COLUMNS.name);
  const seen = new Set<string>();
  for (const { line, cells } of rows) {
    const code = (cells[codeColumn] ?? "").trim();
    const fieldText = fieldColumn ? (cells[fieldColumn] ?? "").trim() : "";
    const note = noteColumn ? (cells[noteColumn] ?? "").trim() : "";
    const procedure = catalog.procedure(code);
    const field = fieldText
      ? catalog.fields.find((f) => f.id === fieldText || foldVietnamese(f.name.vi) === foldVietnamese(fieldText))
      : undefined;
    let reason: PostedReason | undefined;
    if (seen.has(code)) reason = { key: "procedure_twice", code };
    else if (!procedure && NATIONAL_CODE.test(code)) {
      seen.add(code);
      const name = nameColumn ? (cells[nameColumn] ?? "").trim() : "";
      result.uncatalogued.push({ code, ...(name ? { name } : {}) });
      continue;
    } else if (!procedure) reason = code ? { key: "procedure_code_invalid", code } : { key: "procedure_code_empty" };
    else if (fieldText && !field) reason = { key: "field_unknown", field: fieldText };
    else if (field && field.id !== procedure.field)
      reason = { key: "field_mismatch", code, field: procedure.field, given: field.id };
    if (reason) {
      result.rejected.push(rejectedRow(line, reason));
      continue;
    }
    seen.add(code);
    result.procedures.push({ code, ...(field ? { field: field.id } : {}), ...(note ? { note } : {}) });
  }
  return result;
}
