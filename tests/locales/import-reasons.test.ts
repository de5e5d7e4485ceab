import { describe, expect, it } from "vitest";
import type { ImportReason } from "../../src/domain/imports/reasons.ts";
import { LOCALES, type Locale } from "../../src/domain/locale.ts";
import { importReasonText, rejectionText } from "../../src/i18n/import-reasons.ts";
import { createI18n } from "../../src/i18n/index.ts";
import { plain } from "../../src/i18n/plain.ts";
import { telegramVerdict } from "../support/telegram-verdict.ts";

/** A cell as a center's file could hold it, with every character HTML cares about. */
const CELL = `Chờ <duyệt> & "xem"`;
const FILE = "ho-so <1>.csv";

/** One reason of every kind: the type makes a new kind without a sample fail to compile. */
const SAMPLES: { [K in ImportReason["key"]]: Extract<ImportReason, { key: K }> } = {
  file_binary: { key: "file_binary", file: FILE, line: 3, advice: "save_as_csv_utf8" },
  file_workbook: { key: "file_workbook", file: FILE, kind: "CSV", advice: "save_as_csv_utf8" },
  file_not_utf8: { key: "file_not_utf8", file: FILE, line: 3, advice: "save_as_csv_utf8" },
  file_bad_utf16: { key: "file_bad_utf16", file: FILE, advice: "export_json_utf8" },
  file_empty: { key: "file_empty", file: FILE },
  file_too_large: { key: "file_too_large", file: FILE, sizeMb: 1.5, maxMb: 1 },
  file_too_many_rows: { key: "file_too_many_rows", file: FILE, rows: 30, max: 20 },
  workbook_unreadable: { key: "workbook_unreadable", file: FILE, message: "<zip> & end" },
  workbook_no_rows: { key: "workbook_no_rows", file: FILE },
  sheet_empty: { key: "sheet_empty" },
  sheet_no_rows: { key: "sheet_no_rows" },
  csv_invalid: { key: "csv_invalid", message: "Invalid <Closing> Quote" },
  row_too_long: { key: "row_too_long", max: 100_000 },
  row_too_long_at_cell: { key: "row_too_long_at_cell", max: 100_000, cell: 9 },
  header_twice: { key: "header_twice", column: CELL, first: 9, second: 10 },
  row_missing_cells: { key: "row_missing_cells", cells: 7, columns: 9, absent: [CELL, "Ghi chú"] },
  row_extra_cells: { key: "row_extra_cells", cells: 10, columns: 9, last: CELL },
  cell_without_column: { key: "cell_without_column", cell: 4, text: CELL },
  cell_too_long: { key: "cell_too_long", column: "Ghi chú", length: 20_000, max: 10_000 },
  missing_columns: { key: "missing_columns", columns: ["Trạng thái (status)"] },
  json_invalid: { key: "json_invalid", message: "Unexpected end of JSON input" },
  json_not_list: { key: "json_not_list", found: { type: "object", keys: ["rows", "<total>"] } },
  json_item_not_object: { key: "json_item_not_object", position: 2, found: { type: "string", text: '"y"' } },
  cell_empty: { key: "cell_empty", column: "Mã hồ sơ" },
  code_twice: { key: "code_twice", column: "Mã hồ sơ", code: "000.00.20.H40-250709-0001", firstLine: 2 },
  date_invalid: { key: "date_invalid", column: "Ngày tiếp nhận", text: CELL },
  date_not_real: { key: "date_not_real", column: "Ngày tiếp nhận", text: "31/02/2025" },
  time_not_real: { key: "time_not_real", column: "Ngày tiếp nhận", text: "09/07/2025 24:00" },
  date_bad_offset: { key: "date_bad_offset", column: "Ngày tiếp nhận", text: "2025-07-09T08:30+99:00" },
  due_before_received: {
    key: "due_before_received",
    dueColumn: "Ngày hẹn trả",
    due: "08/07/2025",
    receivedColumn: "Ngày tiếp nhận",
    received: "09/07/2025",
  },
  status_unknown: { key: "status_unknown", column: "Trạng thái", text: CELL },
  status_labels_unknown: {
    key: "status_labels_unknown",
    column: "Trạng thái",
    labels: [
      { label: CELL, lines: [2, 4] },
      { label: "Xong", lines: [5] },
    ],
    known: ["Mới đăng ký", "Đang xử lý"],
  },
  amount_invalid: { key: "amount_invalid", column: "Số tiền", text: CELL },
  amount_without_place: {
    key: "amount_without_place",
    column: "Số tiền",
    text: "150.000",
    placeColumn: "Nơi nộp tiền",
  },
  dossier_other_commune: {
    key: "dossier_other_commune",
    code: "000.00.20.H40-250709-0001",
    commune: "20044",
    into: "16855",
  },
  posted_no_code_column: { key: "posted_no_code_column" },
  procedure_twice: { key: "procedure_twice", code: "1.001193" },
  procedure_code_invalid: { key: "procedure_code_invalid", code: CELL },
  procedure_code_empty: { key: "procedure_code_empty" },
  field_unknown: { key: "field_unknown", field: CELL },
  field_mismatch: { key: "field_mismatch", code: "2.000815", field: "certification", given: "land" },
  center_address_empty: { key: "center_address_empty" },
  center_not_coordinates: { key: "center_not_coordinates", lon: "x", lat: CELL },
  center_twice: { key: "center_twice", commune: "16855" },
  center_no_commune: { key: "center_no_commune", kind: "xã", name: CELL, province: "tỉnh Nghệ An" },
};

describe("Why an import refused a row, in words", () => {
  it.each(LOCALES)("every reason has its sentence, with every value filled in (%s)", async (locale) => {
    const t = plain((await createI18n(locale)).translator(locale));
    const unworded = Object.values(SAMPLES).flatMap((reason) => {
      const text = importReasonText(reason, t);
      return text.startsWith("import_reason.") || /{{|undefined|NaN/.test(text) ? [`${reason.key}: ${text}`] : [];
    });
    expect(unworded).toEqual([]);
  });

  it.each(LOCALES)("is HTML Telegram accepts, a value escaped once, in the chat (%s)", async (locale) => {
    const t = (await createI18n(locale)).translator(locale);
    const refused = Object.values(SAMPLES).flatMap((reason) => {
      const verdict = telegramVerdict(importReasonText(reason, t));
      return verdict === "ok" ? [] : [`${reason.key}: ${verdict}`];
    });
    expect(refused).toEqual([]);
    const labels = importReasonText(SAMPLES.status_labels_unknown, t);
    expect(labels).toContain("Chờ &lt;duyệt&gt; &amp; ");
    expect(labels).not.toContain("&amp;amp;");
  });

  it("names each problem of a row, then what the file's unknown labels have in common", async () => {
    const t = plain((await createI18n("en")).translator("en"));
    const row = {
      line: 2,
      reasons: [SAMPLES.cell_empty, SAMPLES.status_unknown],
      hint: SAMPLES.status_labels_unknown,
    };
    expect(rejectionText(row, t)).toMatch(
      /^Mã hồ sơ is empty; Trạng thái "Chờ <duyệt> & "xem"" is not a known status\. Trạng thái labels not known in this file: "Chờ <duyệt> & "xem"" \(lines 2, 4\), "Xong" \(line 5\)\. Known labels: "Mới đăng ký", "Đang xử lý", /,
    );
  });

  it("writes numbers as each language does", async () => {
    const words = async (locale: Locale) =>
      importReasonText(SAMPLES.cell_too_long, plain((await createI18n(locale)).translator(locale)));
    expect(await words("en")).toBe("Ghi chú holds 20,000 characters, more than the 10,000 a cell may have");
    expect(await words("vi")).toBe("ô Ghi chú có 20.000 ký tự, quá mức 10.000 ký tự cho một ô");
  });
});
