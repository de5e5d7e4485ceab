import type { ImportReason, JsonKind } from "../domain/imports/reasons.ts";
import type { RejectedRow } from "../domain/imports/types.ts";
import type { TFunction } from "./index.ts";
import { plain } from "./plain.ts";

/**
 * Why a row was rejected, in the translator's language: its problems separated by ";", then the
 * file's hint as a sentence of its own. The chat passes its HTML translator, the command line the
 * plain English one (one wording for both).
 */
export function rejectionText(row: RejectedRow, t: TFunction): string {
  const problems = row.reasons.map((r) => importReasonText(r, t)).join("; ");
  return row.hint ? `${problems}. ${importReasonText(row.hint, t)}` : problems;
}

/**
 * One reason as a sentence. Lists and nested texts are put together in plain text first, then
 * escaped once as the sentence's values: an HTML translator would otherwise escape a label with
 * "&" twice.
 */
export function importReasonText(reason: ImportReason, t: TFunction): string {
  return t(`import_reason.${reason.key}`, values(reason, plain(t)));
}

function values(reason: ImportReason, text: TFunction): Record<string, unknown> {
  const { key: _key, ...params } = reason;
  switch (reason.key) {
    case "missing_columns":
      return { columns: reason.columns.join(", ") };
    case "row_missing_cells":
      return { ...params, absent: quoted(reason.absent) };
    case "status_labels_unknown": {
      const labels = reason.labels.map(({ label, lines }) =>
        text("import_reason.label_lines", { label, lines: lines.join(", "), count: lines.length }),
      );
      return { column: reason.column, labels: labels.join(", "), known: quoted(reason.known) };
    }
    case "json_not_list":
    case "json_item_not_object":
      return { ...params, found: jsonKindText(reason.found, text) };
    case "file_binary":
    case "file_workbook":
    case "file_not_utf8":
    case "file_bad_utf16":
      return { ...params, advice: text(`import_reason.advice.${reason.advice}`) };
    default:
      return params;
  }
}

function jsonKindText(kind: JsonKind, text: TFunction): string {
  if (kind.type === "object")
    return text("import_reason.json_kind.object", { keys: kind.keys.map((k) => JSON.stringify(k)).join(", ") });
  return text(`import_reason.json_kind.${kind.type}`, "text" in kind ? { text: kind.text } : {});
}

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(", ");
