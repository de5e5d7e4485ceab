import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CatalogError } from "../../src/domain/catalog/errors.ts";
import { normalizeDossierCode } from "../../src/domain/dossiers/code.ts";
import {
  type DossierStatusEntry,
  knownLabels,
  loadDossierStatuses,
  statusFinder,
} from "../../src/domain/dossiers/status-file.ts";
import { DossierJsonError, readDossierJson, readDossierRows } from "../../src/domain/imports/dossier-import.ts";
import type { SheetRow } from "../../src/domain/imports/types.ts";
import { DATA_DIR } from "../support/catalog.ts";
import { inEnglish, reasonOf } from "../support/english-reasons.ts";

let statuses: DossierStatusEntry[];
beforeAll(async () => {
  statuses = await loadDossierStatuses(DATA_DIR);
});

/** A sheet as a table: the header, then rows; line numbers as in the file (header = line 1). */
function sheet(header: string[], ...rows: string[][]): SheetRow[] {
  return rows.map((row, i) => ({ line: i + 2, cells: Object.fromEntries(header.map((h, j) => [h, row[j] ?? ""])) }));
}

const VI = ["Mã hồ sơ", "Chủ hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái"];
const CODE = "000.00.20.H40-250709-0001";
const read = (rows: SheetRow[], known?: ReadonlySet<string>) =>
  readDossierRows(rows, { communeCode: "16855", statuses, ...(known ? { knownProcedureCodes: known } : {}) });
/** One row with the Vietnamese headers; `changes` replaces cells by header. */
const oneRow = (changes: Record<string, string> = {}) => {
  const cells: Record<string, string> = {
    "Mã hồ sơ": CODE,
    "Chủ hồ sơ": "Nguyễn Văn An",
    "Ngày tiếp nhận": "09/07/2025",
    "Ngày hẹn trả": "",
    "Trạng thái": "Đang xử lý",
    ...changes,
  };
  return read([{ line: 2, cells }]);
};

describe("Dossier codes as people type or paste them", () => {
  it.each([
    [" 000.00.53.h48 - 220921 - 0099 ", "000.00.53.H48-220921-0099"],
    ["Mã hồ sơ: 000.00.53.H48-220921-0099", "000.00.53.H48-220921-0099"],
    ["MÃ HỒ SƠ 000.00.53.H48-220921-0099", "000.00.53.H48-220921-0099"],
    ["Ma ho so 000.00.53.h48-220921-0099", "000.00.53.H48-220921-0099"],
    ["MHS: 000.00.53.H48-220921-0099", "000.00.53.H48-220921-0099"],
    ["mhs:000.00.53.H48-220921-0099", "000.00.53.H48-220921-0099"],
    ["#000.00.53.H48-220921-0099", "000.00.53.H48-220921-0099"],
    ["Mã hồ sơ: # 000.00.53.H48-220921-0099", "000.00.53.H48-220921-0099"],
    ["000.00.53.H48\u2013220921\u20130099", "000.00.53.H48-220921-0099"],
    ["03706/2026/07906", "03706/2026/07906"],
    ["MHSX-0001", "MHSX-0001"],
    ["   ", ""],
  ])("%j becomes %j", (input, expected) => {
    expect(normalizeDossierCode(input)).toBe(expected);
  });
});

describe("Reading a one-stop export: headers", () => {
  it("reads the export's Vietnamese headers, with or without tone marks and in any case", () => {
    const rows = sheet(
      [
        "STT",
        "MÃ HỒ SƠ",
        "ma thu tuc",
        "Tên Thủ Tục",
        "Chủ hồ sơ",
        "Ngay tiep nhan",
        "Ngày hẹn trả",
        "TRẠNG THÁI",
        "Ghi chú",
        "Mã tra cứu",
      ],
      [
        "1",
        CODE,
        "1.001193",
        "Đăng ký khai sinh",
        "Nguyễn Văn An",
        "09/07/2025",
        "10/07/2025",
        "Đang xử lý",
        "Chờ ký (mẫu)",
        "A7K2",
      ],
    );
    const { reports, rejected } = read(rows);
    expect(rejected).toEqual([]);
    expect(reports).toEqual([
      {
        code: CODE,
        communeCode: "16855",
        procedureCode: "1.001193",
        procedureName: "Đăng ký khai sinh",
        applicantName: "Nguyễn Văn An",
        receivedAt: "2025-07-08T17:00:00.000Z",
        due: "2025-07-10T16:59:59.000Z",
        status: "in_process",
        note: "Chờ ký (mẫu)",
        lookupKey: "A7K2",
      },
    ]);
  });

  it("reads the English keys, also written with spaces or capitals", () => {
    const english = read(
      sheet(
        ["code", "procedure_code", "procedure_name", "applicant", "received_at", "due_at", "status", "note"],
        [CODE, "1.001193", "Birth registration", "Nguyễn Văn An", "2025-07-09", "", "received", "ok"],
      ),
    );
    const spaced = read(
      sheet(["Code", "Applicant", "Received at", "Status"], [CODE, "Nguyễn Văn An", "2025-07-09", "received"]),
    );
    expect(english.reports[0]).toMatchObject({
      code: CODE,
      procedureCode: "1.001193",
      procedureName: "Birth registration",
      status: "received",
      note: "ok",
    });
    expect(spaced.reports[0]).toMatchObject({ code: CODE, applicantName: "Nguyễn Văn An", status: "received" });
  });

  it("takes the applicant from Người nộp when there is no Chủ hồ sơ, and prefers Chủ hồ sơ when both are there", () => {
    const submitter = read(
      sheet(["Mã hồ sơ", "Người nộp", "Ngày tiếp nhận", "Trạng thái"], [CODE, "Trần Thị Bình", "09/07/2025", "2"]),
    );
    const both = read(
      sheet(
        ["Mã hồ sơ", "Người nộp", "Chủ hồ sơ", "Ngày tiếp nhận", "Trạng thái"],
        [CODE, "Trần Thị Bình", "Nguyễn Văn An", "09/07/2025", "2"],
      ),
    );
    expect(submitter.reports[0]?.applicantName).toBe("Trần Thị Bình");
    expect(both.reports[0]?.applicantName).toBe("Nguyễn Văn An");
  });

  it("rejects the file at line 1 when a required column is missing, naming it in both languages", () => {
    const { reports, rejected } = read(sheet(["Mã hồ sơ", "Ngày tiếp nhận"], [CODE, "09/07/2025"]));
    expect(reports).toEqual([]);
    expect(inEnglish(rejected)).toEqual([
      { line: 1, reason: "missing columns: Chủ hồ sơ (applicant), Trạng thái (status)" },
    ]);
  });

  it("skips rows whose cells are all empty, as spreadsheets leave them at the end", () => {
    const { reports, rejected } = read(sheet(VI, [CODE, "Nguyễn Văn An", "09/07/2025", "", "4"], ["", "", "", "", ""]));
    expect(rejected).toEqual([]);
    expect(reports).toHaveLength(1);
  });
});

describe("Reading a one-stop export: dates are Vietnamese local time (UTC+7) unless they say otherwise", () => {
  it.each([
    ["09/07/2025", "2025-07-08T17:00:00.000Z"],
    ["9/7/2025", "2025-07-08T17:00:00.000Z"],
    ["09/07/2025 08:30", "2025-07-09T01:30:00.000Z"],
    ["09/07/2025 8:30", "2025-07-09T01:30:00.000Z"],
    ["09/07/2025 08:30:15", "2025-07-09T01:30:15.000Z"],
    // Before 07:00 in Vietnam it is still the previous day in UTC.
    ["09/07/2025 06:59", "2025-07-08T23:59:00.000Z"],
    ["2025-07-09", "2025-07-08T17:00:00.000Z"],
    ["2025-07-09T08:30", "2025-07-09T01:30:00.000Z"],
    ["2025-07-09 08:30:00", "2025-07-09T01:30:00.000Z"],
    ["2025-07-09T08:30:00+07:00", "2025-07-09T01:30:00.000Z"],
    ["2025-07-09T08:30:00.250+0700", "2025-07-09T01:30:00.250Z"],
    ["2025-07-09T01:30:00Z", "2025-07-09T01:30:00.000Z"],
    ["2025-07-09T10:30:00+09:00", "2025-07-09T01:30:00.000Z"],
    ["29/02/2024", "2024-02-28T17:00:00.000Z"],
  ])("Ngày tiếp nhận %j is %s", (text, iso) => {
    expect(oneRow({ "Ngày tiếp nhận": text }).reports[0]?.receivedAt).toBe(iso);
  });

  it("reads the appointment date the same way, a date alone lasting until the end of that day", () => {
    expect(oneRow({ "Ngày hẹn trả": "14/07/2025 16:00" }).reports[0]?.due).toBe("2025-07-14T09:00:00.000Z");
    // Not overdue on the appointment day itself: due at 23:59:59 in Vietnam.
    expect(oneRow({ "Ngày hẹn trả": "14/07/2025" }).reports[0]?.due).toBe("2025-07-14T16:59:59.000Z");
    expect(oneRow({ "Ngày hẹn trả": "2025-07-14" }).reports[0]?.due).toBe("2025-07-14T16:59:59.000Z");
  });

  it.each([
    ["31/02/2025", 'Ngày tiếp nhận "31/02/2025" is not a real date'],
    ["29/02/2025", 'Ngày tiếp nhận "29/02/2025" is not a real date'],
    ["09/13/2025", 'Ngày tiếp nhận "09/13/2025" is not a real date'],
    ["2025-04-31", 'Ngày tiếp nhận "2025-04-31" is not a real date'],
    ["09/07/2025 24:00", 'Ngày tiếp nhận "09/07/2025 24:00" is not a real time of day'],
    [
      "hôm qua",
      'Ngày tiếp nhận "hôm qua" is not a date: write dd/mm/yyyy, dd/mm/yyyy HH:mm or ISO 8601 (2025-07-09T08:30)',
    ],
    [
      "45847",
      'Ngày tiếp nhận "45847" is not a date: write dd/mm/yyyy, dd/mm/yyyy HH:mm or ISO 8601 (2025-07-09T08:30)',
    ],
    ["", "Ngày tiếp nhận is empty"],
  ])("rejects Ngày tiếp nhận %j", (text, reason) => {
    const { reports, lines, rejected } = oneRow({ "Ngày tiếp nhận": text });
    expect([reports, lines]).toEqual([[], []]);
    expect(inEnglish(rejected)).toEqual([{ line: 2, reason }]);
  });

  it("rejects an appointment date earlier than the day the dossier was received", () => {
    expect(inEnglish(oneRow({ "Ngày hẹn trả": "08/07/2025" }).rejected)).toEqual([
      { line: 2, reason: 'Ngày hẹn trả "08/07/2025" is before Ngày tiếp nhận "09/07/2025"' },
    ]);
    // Same day, even with an earlier hour written: a same-day procedure.
    expect(oneRow({ "Ngày tiếp nhận": "09/07/2025 10:00", "Ngày hẹn trả": "09/07/2025" }).rejected).toEqual([]);
  });
});

describe("Reading a one-stop export: statuses", () => {
  it.each([
    ["Mới đăng ký", "new"],
    ["Được tiếp nhận", "received"],
    ["Không được tiếp nhận", "not_accepted"],
    ["Đang xử lý", "in_process"],
    ["đang xử lý", "in_process"],
    ["DANG XU LY", "in_process"],
    ["Yêu cầu bổ sung giấy tờ", "needs_supplement"],
    ["Yêu cầu thực hiện nghĩa vụ tài chính", "financial_obligation"],
    ["Công dân yêu cầu rút hồ sơ", "withdrawn"],
    ["Dừng xử lý", "stopped"],
    ["Đã xử lý xong", "done"],
    ["Đã trả kết quả", "returned"],
    ["In process", "in_process"],
    ["in_process", "in_process"],
    ["Not accepted", "not_accepted"],
    ["1", "new"],
    ["4", "in_process"],
    ["04", "in_process"],
    ["9", "done"],
    ["10", "returned"],
  ])("%j is %s", (text, status) => {
    expect(oneRow({ "Trạng thái": text }).reports[0]?.status).toBe(status);
  });

  it.each(["Chờ duyệt", "0", "11", "Dang"])("rejects %j, saying which forms are accepted", (text) => {
    const [rejected] = oneRow({ "Trạng thái": text }).rejected;
    expect(reasonOf(rejected)).toMatch(
      new RegExp(
        `^Trạng thái "${text}" is not a known status\\. Trạng thái labels not known in this file: "${text}" \\(line 2\\)\\. Known labels: "Mới đăng ký", `,
      ),
    );
    expect(reasonOf(rejected)).toContain('"Chờ bổ sung"');
  });

  it.each([
    ["Đã tiếp nhận", "received"],
    ["MỚI TIẾP NHẬN", "received"],
    ["cho bo sung", "needs_supplement"],
    ["Đang  giải quyết", "in_process"],
    ["Có kết quả", "done"],
    ["Hoàn thành", "done"],
    ["Trả kết quả", "returned"],
    ["Từ chối", "not_accepted"],
    ["Chờ thanh toán", "financial_obligation"],
  ] as const)("reads the label one-stop systems print, %j, as %s", (text, status) => {
    expect(oneRow({ "Trạng thái": text }).reports[0]?.status).toBe(status);
  });

  it("lists the unknown labels and the known ones once per file, not once per row", () => {
    const rows = ["Chờ duyệt", "Đã tiếp nhận", "Chờ duyệt", "Xong"].map((s, i) => [
      `000.00.20.H40-250709-000${i + 1}`,
      "Nguyễn Văn An",
      "09/07/2025",
      "",
      s,
    ]);
    const { rejected } = read(sheet(VI, ...rows));
    expect(rejected.map((r) => r.line)).toEqual([2, 4, 5]);
    expect(reasonOf(rejected[0])).toContain(
      'labels not known in this file: "Chờ duyệt" (lines 2, 4), "Xong" (line 5). Known labels: ',
    );
    expect(reasonOf(rejected[1])).toBe('Trạng thái "Chờ duyệt" is not a known status');
    expect(reasonOf(rejected[2])).toBe('Trạng thái "Xong" is not a known status');
  });
});

describe("Reading a one-stop export: the rest of a row", () => {
  it("normalises codes and keeps the first appearance of a code, rejecting the second at its own line", () => {
    const { reports, rejected } = read(
      sheet(
        VI,
        [" 000.00.20.h40 - 250709 - 0001 ", "Nguyễn Văn An", "09/07/2025", "", "4"],
        ["000.00.20.H40-250709-0002", "Trần Thị Bình", "09/07/2025", "", "4"],
        [`Mã hồ sơ: ${CODE}`, "Lê Văn Cường", "10/07/2025", "", "2"],
      ),
    );
    expect(reports.map((r) => r.code)).toEqual([CODE, "000.00.20.H40-250709-0002"]);
    expect(inEnglish(rejected)).toEqual([{ line: 4, reason: `Mã hồ sơ "${CODE}" is listed twice (first on line 2)` }]);
  });

  it("names every problem of a row, each as a key and the column as the file writes it", () => {
    const { rejected } = oneRow({ "Mã hồ sơ": " ", "Chủ hồ sơ": "", "Trạng thái": "" });
    expect(rejected).toEqual([
      {
        line: 2,
        reasons: [
          { key: "cell_empty", column: "Mã hồ sơ" },
          { key: "cell_empty", column: "Chủ hồ sơ" },
          { key: "cell_empty", column: "Trạng thái" },
        ],
      },
    ]);
    expect(reasonOf(rejected[0])).toBe("Mã hồ sơ is empty; Chủ hồ sơ is empty; Trạng thái is empty");
  });

  it("reads the papers still missing, separated by semicolons", () => {
    const { reports } = oneRow({
      "Trạng thái": "5",
      "Giấy tờ cần bổ sung": "Bản sao giấy chứng sinh; Giấy xác nhận cư trú ;",
    });
    expect(reports[0]?.missing).toEqual(["Bản sao giấy chứng sinh", "Giấy xác nhận cư trú"]);
  });

  it.each([
    ["150000", 150000],
    ["150.000", 150000],
    ["1,500,000 đ", 1500000],
    ["150 000 VNĐ", 150000],
  ])("reads the amount to pay %j as %d đồng, with where to pay", (amount, amountVnd) => {
    const { reports } = oneRow({ "Trạng thái": "6", "Số tiền": amount, "Nơi nộp tiền": "Quầy thu phí số 1" });
    expect(reports[0]?.payment).toEqual({ amountVnd, where: "Quầy thu phí số 1" });
  });

  it("rejects an amount that is not one, or one without a place to pay, for a dossier awaiting payment", () => {
    expect(
      inEnglish(oneRow({ "Trạng thái": "6", "Số tiền": "mười nghìn", "Nơi nộp tiền": "Quầy 1" }).rejected),
    ).toEqual([{ line: 2, reason: 'Số tiền "mười nghìn" is not an amount in đồng' }]);
    expect(inEnglish(oneRow({ "Trạng thái": "6", "Số tiền": "150.000", "Nơi nộp tiền": "" }).rejected)).toEqual([
      { line: 2, reason: 'Số tiền "150.000" is given without where to pay (Nơi nộp tiền)' },
    ]);
    // Without the column at all, it is named in both languages.
    expect(inEnglish(oneRow({ "Trạng thái": "6", "Số tiền": "150.000" }).rejected)).toEqual([
      { line: 2, reason: 'Số tiền "150.000" is given without where to pay (Nơi nộp tiền / pay_at)' },
    ]);
  });

  it("ignores the amount column on dossiers not awaiting payment, where exports put the fee", () => {
    const { reports, rejected } = oneRow({ "Trạng thái": "9", "Số tiền": "Miễn phí" });
    expect(rejected).toEqual([]);
    expect(reports[0]).not.toHaveProperty("payment");
  });

  it("stores a known procedure's local variant under its national code, and keeps other codes as written", () => {
    const known = new Set(["1.001193"]);
    const rows = sheet(
      ["Mã hồ sơ", "Mã thủ tục", "Chủ hồ sơ", "Ngày tiếp nhận", "Trạng thái"],
      ["000.00.20.H40-250709-0001", "1.001193.000.00.00.H40", "Nguyễn Văn An", "09/07/2025", "4"],
      ["000.00.20.H40-250709-0002", "2.000815.01", "Trần Thị Bình", "09/07/2025", "4"],
    );
    expect(read(rows, known).reports.map((r) => r.procedureCode)).toEqual(["1.001193", "2.000815.01"]);
    expect(read(rows).reports.map((r) => r.procedureCode)).toEqual(["1.001193.000.00.00.H40", "2.000815.01"]);
  });

  it("never writes an absent fact as undefined, so a stored dossier equals its report", () => {
    const report = oneRow().reports[0];
    expect(Object.values(report ?? {})).not.toContain(undefined);
    expect(Object.keys(report ?? {}).sort()).toEqual(["applicantName", "code", "communeCode", "receivedAt", "status"]);
  });
});

describe("Reading a JSON export", () => {
  const objects = [
    { code: CODE, applicant: "Nguyễn Văn An", received_at: "09/07/2025", status: 4 },
    {
      code: "000.00.20.H40-250709-0002",
      applicant: "Trần Thị Bình",
      received_at: "2025-07-09",
      status: "Yêu cầu bổ sung giấy tờ",
      missing: ["Bản sao giấy chứng sinh", "Giấy xác nhận cư trú"],
      note: null,
    },
  ];

  it("reads an array of objects, the object at position N being line N + 1", () => {
    const rows = readDossierJson(JSON.stringify(objects));
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    expect(rows[0]?.cells).toEqual({ code: CODE, applicant: "Nguyễn Văn An", received_at: "09/07/2025", status: "4" });
    expect(rows[1]?.cells.missing).toBe("Bản sao giấy chứng sinh; Giấy xác nhận cư trú");
    expect(rows[1]?.cells.note).toBe("");
    const { reports, rejected } = read(rows);
    expect(rejected).toEqual([]);
    expect(reports.map((r) => r.status)).toEqual(["in_process", "needs_supplement"]);
    expect(reports[1]?.missing).toEqual(["Bản sao giấy chứng sinh", "Giấy xác nhận cư trú"]);
  });

  it('reads { "data": [...] } the same way', () => {
    expect(readDossierJson(JSON.stringify({ data: objects, total: 2 }))).toEqual(
      readDossierJson(JSON.stringify(objects)),
    );
  });

  it("reports a bad object at its own line, and a missing key like an empty cell", () => {
    const { rejected } = read(
      readDossierJson(
        JSON.stringify([objects[0], { code: "000.00.20.H40-250709-0003", status: "2", received_at: "10/07/2025" }]),
      ),
    );
    expect(inEnglish(rejected)).toEqual([{ line: 3, reason: "applicant is empty" }]);
  });

  it.each([
    ['[{"code": "x",', 1, "the file is not valid JSON: "],
    ['{"rows": []}', 1, 'expected an array of dossiers or { "data": [...] }'],
    ['[{"code": "x"}, "y"]', 3, "dossier 2 of the list is not an object"],
  ])("throws a DossierJsonError carrying one rejected line for %j", (text, line, reason) => {
    let thrown: unknown;
    try {
      readDossierJson(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DossierJsonError);
    expect(inEnglish([(thrown as DossierJsonError).rejected])).toEqual([
      { line, reason: expect.stringContaining(reason) },
    ]);
  });
});

describe("The status list file", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "motcua-statuses-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  // The statuses as the file has them: the labels come from the label maps.
  const write = (value: unknown) =>
    writeFile(
      join(dir, "dossier-statuses.json"),
      JSON.stringify(value, (key, v) => (key === "labels" ? undefined : v)),
    );
  const writeLabels = (name: string, value: unknown) => writeFile(join(dir, name), JSON.stringify(value));

  it("ships the portal's ten statuses, numbered 1-10", () => {
    expect(statuses.map((s) => s.portal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("lists each known label once to staff, the portal's first, though a system's label may repeat the portal's", () => {
    const labels = knownLabels(statuses);
    expect(labels.slice(0, 2)).toEqual(["Mới đăng ký", "Được tiếp nhận"]);
    expect(labels.filter((l) => l === "Mới đăng ký")).toHaveLength(1);
    expect(labels).toContain("Đã tiếp nhận");
  });

  it("a broken entry names the file, the entry and the field", async () => {
    await write(statuses.map((s) => (s.id === "done" ? { ...s, vi: "" } : s)));
    await expect(loadDossierStatuses(dir)).rejects.toThrow(CatalogError);
    await expect(loadDossierStatuses(dir)).rejects.toMatchObject({
      file: join(dir, "dossier-statuses.json"),
      entry: "done",
      field: "vi",
    });
  });

  it("a wrong portal number, a status twice or a status missing is refused", async () => {
    await write(statuses.map((s) => (s.id === "done" ? { ...s, portal: 10 } : s)));
    await expect(loadDossierStatuses(dir)).rejects.toMatchObject({
      entry: "done",
      field: "portal",
      problem: "the portal numbers this status 9, not 10",
    });
    await write([...statuses, statuses[0]]);
    await expect(loadDossierStatuses(dir)).rejects.toMatchObject({ entry: "new", field: "id" });
    await write(statuses.slice(1));
    await expect(loadDossierStatuses(dir)).rejects.toMatchObject({ entry: "(list)", problem: "missing statuses: new" });
  });

  it("a deployment adds its own spellings; a label naming two statuses is refused", async () => {
    await write(statuses);
    await writeLabels("dossier-status-labels.json", { received: ["Đã tiếp nhận"] });
    await writeLabels("dossier-status-labels.local.json", { received: ["Nhận rồi"] });
    const find = statusFinder(await loadDossierStatuses(dir));
    expect([find("da tiep nhan"), find("NHẬN  RỒI"), find("Chờ bổ sung")]).toEqual(["received", "received", undefined]);
    await writeLabels("dossier-status-labels.local.json", { done: ["Đã  tiếp nhận"] });
    await expect(loadDossierStatuses(dir)).rejects.toMatchObject({
      entry: "done",
      field: "Đã  tiếp nhận",
      problem: 'this label already names the status "received"',
    });
  });

  it("an entry with an unknown id is named by its position", async () => {
    await write([...statuses.slice(0, 9), { portal: 10, vi: "Đã trả kết quả", en: "Returned" }]);
    await expect(loadDossierStatuses(dir)).rejects.toMatchObject({ entry: "#10", field: "id" });
  });
});
