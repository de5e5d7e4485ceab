import { normalizeDossierCode } from "../dossiers/code.ts";
import type { DossierReport } from "../dossiers/report.ts";
import { WAITING_ON_CITIZEN } from "../dossiers/status.ts";
import { type DossierStatusEntry, knownLabels, statusFinder } from "../dossiers/status-file.ts";
import { foldVietnamese } from "../text/fold.ts";
import { VIETNAM_OFFSET, vietnamDate } from "../vietnam-time.ts";
import type { DossierReason, JsonKind } from "./reasons.ts";
import { type RejectedRow, rejectedRow, SheetError, type SheetRow } from "./types.ts";

/**
 * Columns of a one-stop system's export: the Vietnamese header such exports print, other
 * Vietnamese names for it, and the English key. Headers match after folding (case, tone marks,
 * "_" or " "), in this order of preference: "Chủ hồ sơ" (the owner) wins over "Người nộp".
 */
const COLUMNS = {
  code: { vi: ["Mã hồ sơ"], en: "code" },
  procedureCode: { vi: ["Mã thủ tục"], en: "procedure_code" },
  procedureName: { vi: ["Tên thủ tục"], en: "procedure_name" },
  applicant: { vi: ["Chủ hồ sơ", "Người nộp"], en: "applicant" },
  receivedAt: { vi: ["Ngày tiếp nhận"], en: "received_at" },
  dueAt: { vi: ["Ngày hẹn trả"], en: "due_at" },
  status: { vi: ["Trạng thái"], en: "status" },
  note: { vi: ["Ghi chú"], en: "note" },
  lookupKey: { vi: ["Mã tra cứu"], en: "lookup_key" },
  missing: { vi: ["Giấy tờ cần bổ sung"], en: "missing" },
  amount: { vi: ["Số tiền"], en: "amount" },
  payAt: { vi: ["Nơi nộp tiền"], en: "pay_at" },
  actBy: { vi: ["Hạn bổ sung", "Hạn nộp"], en: "act_by" },
} as const;
type Column = keyof typeof COLUMNS;
/** Every header name of the export, folded: to find the header row under title rows. */
export const DOSSIER_HEADERS: ReadonlySet<string> = new Set(
  Object.values(COLUMNS).flatMap(({ vi, en }) => [...vi, en].map(foldVietnamese)),
);
const REQUIRED: Column[] = ["code", "applicant", "receivedAt", "status"];

const VN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
/** A national procedure code at the start of a local variant ("1.001193.000.00.00.H48", "2.000815.01"). */
const NATIONAL_CODE = /^\d\.\d{6}(?=$|\.)/;

export interface DossierImportOptions {
  /** The commune whose center the export comes from; every report belongs to it. */
  communeCode: string;
  statuses: DossierStatusEntry[];
  /**
   * The catalog's procedure codes. A local variant of a known code is stored as the national
   * code, so the bot can show the catalog's card; other codes are kept as written, since
   * centers also handle procedures the catalog does not cover.
   */
  knownProcedureCodes?: ReadonlySet<string>;
}

export interface DossierImport {
  reports: DossierReport[];
  /** The line of each report, in the same order: rows rejected later are named by it. */
  lines: number[];
  rejected: RejectedRow[];
}

/**
 * Validates a one-stop system's export row by row into reports (pure: no I/O); see
 * DossierRowReader. The caller applies the reports only when nothing was rejected.
 */
export function readDossierRows(rows: SheetRow[], options: DossierImportOptions): DossierImport {
  // JSON objects may each leave out optional keys: the header is every key seen.
  const reader = new DossierRowReader([...new Set(rows.flatMap((r) => Object.keys(r.cells)))], options);
  const result: DossierImport = { reports: [], lines: [], rejected: reader.rejected };
  if (reader.missingColumns) return result;
  for (const row of rows) {
    const report = reader.read(row);
    if (report) {
      result.reports.push(report);
      result.lines.push(row.line);
    }
  }
  reader.finish();
  return result;
}

/**
 * Validates an export's rows one at a time, as a file is read: each row becomes a report, or a
 * rejection naming every problem it has, with the column as the file writes it and the value,
 * so one pass over the file fixes it. Rows with every cell empty (spreadsheet leftovers) are
 * skipped. A header without a required column is one rejection, and no row is read.
 */
export class DossierRowReader {
  readonly rejected: RejectedRow[] = [];
  readonly missingColumns: boolean;
  private readonly columns: Partial<Record<Column, string>>;
  private readonly findStatus: (label: string) => DossierReport["status"] | undefined;
  private readonly unknown = new UnknownLabels();
  private readonly firstLine = new Map<string, number>();

  constructor(
    header: string[],
    private readonly options: DossierImportOptions,
  ) {
    this.columns = findColumns(header);
    this.findStatus = statusFinder(options.statuses);
    const absent = REQUIRED.filter((c) => !this.columns[c]);
    this.missingColumns = absent.length > 0;
    if (this.missingColumns) {
      const columns = absent.map((c) => `${COLUMNS[c].vi[0]} (${COLUMNS[c].en})`);
      this.rejected.push(rejectedRow(1, { key: "missing_columns", columns }));
    }
  }

  /** The row's report, or undefined when it is rejected (see `rejected`) or empty. */
  read({ line, cells }: SheetRow): DossierReport | undefined {
    const { columns, options } = this;
    if (Object.values(cells).every((v) => v.trim() === "")) return undefined;
    const cell = (c: Column) => {
      const header = columns[c];
      return header ? (cells[header] ?? "").trim() : "";
    };
    // A column the file does not have is named in both languages.
    const name = (c: Column) => columns[c] ?? `${COLUMNS[c].vi[0]} / ${COLUMNS[c].en}`;
    const problems: DossierReason[] = [];

    const code = normalizeDossierCode(cell("code"));
    const firstLine = this.firstLine.get(code);
    if (!code) problems.push({ key: "cell_empty", column: name("code") });
    else if (firstLine !== undefined) problems.push({ key: "code_twice", column: name("code"), code, firstLine });
    else this.firstLine.set(code, line);

    const applicantName = cell("applicant").replace(/\s+/g, " ");
    if (!applicantName) problems.push({ key: "cell_empty", column: name("applicant") });

    const received = readTime(cell("receivedAt"), name("receivedAt"), problems, "received");
    const due = readTime(cell("dueAt"), name("dueAt"), problems, "due");
    if (received && due && due.day < received.day) {
      problems.push({
        key: "due_before_received",
        dueColumn: name("dueAt"),
        due: cell("dueAt"),
        receivedColumn: name("receivedAt"),
        received: cell("receivedAt"),
      });
    }

    const actBy = readTime(cell("actBy"), name("actBy"), problems, "due");
    const statusText = cell("status");
    const status = statusText ? this.findStatus(statusText) : undefined;
    if (!statusText) problems.push({ key: "cell_empty", column: name("status") });
    else if (!status) {
      problems.push({ key: "status_unknown", column: name("status"), text: statusText });
      this.unknown.note(statusText, line);
    }

    // Exports often carry the fee on every row: amount and place are read for status 6 only.
    let payment: DossierReport["payment"];
    if (status === "financial_obligation") {
      const amountText = cell("amount");
      const where = cell("payAt");
      const amountVnd = amountText ? readAmount(amountText) : undefined;
      if (amountText && amountVnd === undefined)
        problems.push({ key: "amount_invalid", column: name("amount"), text: amountText });
      else if (amountText && !where)
        problems.push({
          key: "amount_without_place",
          column: name("amount"),
          text: amountText,
          placeColumn: name("payAt"),
        });
      else if (where) payment = { ...(amountVnd !== undefined ? { amountVnd } : {}), where };
    }

    if (problems.length > 0 || !received || !status) {
      this.rejected.push({ line, reasons: problems });
      return undefined;
    }
    const procedureCode = procedureCodeOf(cell("procedureCode"), options.knownProcedureCodes);
    const missing = cell("missing")
      .split(/[;\n]/)
      .map((m) => m.trim())
      .filter(Boolean);
    // No key is ever set to undefined: a stored dossier read back from JSON would differ from
    // the same report, and a second import of the file would count as an update.
    return {
      code,
      communeCode: options.communeCode,
      ...(procedureCode ? { procedureCode } : {}),
      ...(cell("procedureName") ? { procedureName: cell("procedureName") } : {}),
      applicantName,
      receivedAt: received.iso,
      ...(due ? { due: due.iso } : {}),
      status,
      ...(cell("note") ? { note: cell("note") } : {}),
      ...(missing.length > 0 ? { missing } : {}),
      ...(payment ? { payment } : {}),
      // What the citizen must do by when: read while the center waits for them only.
      ...(actBy && WAITING_ON_CITIZEN.has(status) ? { actBy: actBy.iso } : {}),
      ...(cell("lookupKey") ? { lookupKey: cell("lookupKey") } : {}),
    };
  }

  /** Once every row is read: unknown status labels are explained once, on the first such row. */
  finish(): void {
    this.unknown.explain(
      this.rejected,
      this.columns.status ?? COLUMNS.status.vi[0],
      knownLabels(this.options.statuses),
    );
  }
}

/**
 * Status labels the map does not know, with their lines. A day's export uses one new word on
 * many rows: the known labels are listed once, on the first such row, not on every row.
 */
class UnknownLabels {
  private readonly lines = new Map<string, number[]>();

  note(label: string, line: number): void {
    const lines = this.lines.get(label);
    if (lines) lines.push(line);
    else this.lines.set(label, [line]);
  }

  explain(rejected: RejectedRow[], column: string, known: string[]): void {
    const first = Math.min(...[...this.lines.values()].map((l) => l[0] ?? Infinity));
    const row = rejected.find((r) => r.line === first);
    if (!row) return;
    const labels = [...this.lines].map(([label, lines]) => ({ label, lines }));
    row.hint = { key: "status_labels_unknown", column, labels, known };
  }
}

/** A JSON export that cannot be read as a list of dossiers; `rejected` is its one report line. */
export class DossierJsonError extends SheetError {
  override name = "DossierJsonError";
}

/**
 * Reads a JSON export, an array of objects keyed like the CSV columns or `{ "data": [...] }`,
 * into sheet rows. The object at 1-based position N is line N + 1, as if line 1 were a header,
 * so a CSV row and the same row converted to JSON are reported at the same line. Numbers are
 * read as text and arrays (e.g. `missing`) joined with "; ". Throws a DossierJsonError when
 * the text is not JSON, not such a list, or holds something other than an object.
 */
export function readDossierJson(text: string): SheetRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new DossierJsonError(1, { key: "json_invalid", message: (error as Error).message });
  }
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.data) ? value.data : undefined;
  if (!list) throw new DossierJsonError(1, { key: "json_not_list", found: jsonKind(value) });
  return list.map((item: unknown, i) => {
    if (!isObject(item))
      throw new DossierJsonError(i + 2, { key: "json_item_not_object", position: i + 1, found: jsonKind(item) });
    return { line: i + 2, cells: recordCells(item) };
  });
}

/**
 * One JSON dossier record as the cells of a sheet row. Shared by the file import and the
 * provincial system's answers, so a record reads the same whichever way it comes.
 */
export function recordCells(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, v]) => [key, cellText(v)]));
}

/** For each column, the header the file uses for it, by order of preference. */
function findColumns(headers: string[]): Partial<Record<Column, string>> {
  const folded = new Map(headers.map((h) => [h, foldVietnamese(h)]));
  const found: Partial<Record<Column, string>> = {};
  for (const [column, { vi, en }] of Object.entries(COLUMNS) as [Column, (typeof COLUMNS)[Column]][]) {
    for (const name of [...vi, en].map(foldVietnamese)) {
      const header = headers.find((h) => folded.get(h) === name);
      if (header !== undefined) {
        found[column] = header;
        break;
      }
    }
  }
  return found;
}

interface Instant {
  /** UTC, as `Date.toISOString()` writes it. */
  iso: string;
  /** The day in Vietnam, YYYY-MM-DD. */
  day: string;
}

/**
 * Reads a date cell, recording a problem when it is not one (or is empty though required). An
 * appointment date without a time lasts until the end of that day: a dossier is not overdue on
 * its own appointment day.
 */
function readTime(
  text: string,
  column: string,
  problems: DossierReason[],
  kind: "received" | "due",
): Instant | undefined {
  if (!text) {
    if (kind === "received") problems.push({ key: "cell_empty", column });
    return undefined;
  }
  const result = parseVietnamTime(text, kind === "due" ? "end" : "start");
  if (typeof result === "string") problems.push({ key: result, column, text });
  return typeof result === "string" ? undefined : result;
}

/** Why a date cell is not an instant: the reason's key. */
type DateProblem = "date_invalid" | "date_not_real" | "time_not_real" | "date_bad_offset";

/**
 * dd/mm/yyyy [HH:mm[:ss]] or ISO 8601, as an instant. Times without an offset are Vietnamese
 * local times (UTC+7), whatever the machine's time zone: "09/07/2025 08:30" is
 * 2025-07-09T01:30:00.000Z. A date alone is the start (00:00:00) or the end (23:59:59) of that
 * day in Vietnam. Returns what is wrong when the text is not a real date.
 */
function parseVietnamTime(text: string, dateAlone: "start" | "end"): Instant | DateProblem {
  const vn = VN_DATE.exec(text);
  const iso = ISO_DATE.exec(text);
  const fields = vn ? [vn[3], vn[2], vn[1], vn[4], vn[5], vn[6]] : iso?.slice(1, 7);
  if (!fields) return "date_invalid";
  if (fields[3] === undefined && dateAlone === "end") fields.splice(3, 3, "23", "59", "59");
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = fields.map((v) => Number(v ?? 0));
  const fraction = (iso?.[7] ?? "").padEnd(3, "0").slice(0, 3);
  const offset = iso?.[8] ? normalizeOffset(iso[8]) : VIETNAM_OFFSET;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return "date_not_real";
  if (hour > 23 || minute > 59 || second > 59) return "time_not_real";
  const instant = new Date(
    `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}.${fraction}${offset}`,
  );
  if (Number.isNaN(instant.getTime())) return "date_bad_offset";
  return {
    iso: instant.toISOString(),
    day: vietnamDate(instant.getTime()),
  };
}

/** "Z", "+0700" or "+07:00" as Date parsing accepts it. */
function normalizeOffset(offset: string): string {
  return offset.toUpperCase() === "Z" ? "Z" : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** An amount in đồng as exports write it: "150000", "150.000", "1,500,000 đ", "150 000 VNĐ". */
function readAmount(text: string): number | undefined {
  const digits = text.replace(/\s*(?:₫|đ|d|vnđ|vnd|đồng|dong)\.?$/iu, "").trim();
  if (!/^\d{1,3}(?:[.,\s]\d{3})*$|^\d+$/.test(digits)) return undefined;
  return Number(digits.replace(/[.,\s]/g, ""));
}

/** The national code of a known procedure's local variant, else the code as written. */
function procedureCodeOf(text: string, known: ReadonlySet<string> | undefined): string {
  const code = text.replace(/\s+/g, "");
  const national = NATIONAL_CODE.exec(code)?.[0];
  return national && known?.has(national) ? national : code;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What a JSON value is, for a message: its first five keys, or the start of its text. */
function jsonKind(value: unknown): JsonKind {
  if (Array.isArray(value)) return { type: "array" };
  if (isObject(value)) {
    const keys = Object.keys(value).slice(0, 5);
    return keys.length > 0 ? { type: "object", keys } : { type: "empty_object" };
  }
  if (value === null) return { type: "null" };
  const text = JSON.stringify(value);
  const type = typeof value as "string" | "number" | "boolean";
  return { type, text: text.length > 40 ? `${text.slice(0, 40)}…` : text };
}

/** A JSON value as the text a spreadsheet cell would hold. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(cellText).join("; ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
