import exceljs from "exceljs";
import { describe, expect, it } from "vitest";
import { DOSSIER_HEADERS } from "../../src/domain/imports/dossier-import.ts";
import { readImportBytes } from "../../src/imports/read-import.ts";

const read = (bytes: Uint8Array, name: string) =>
  readImportBytes(bytes, name, { limits: { maxBytes: 1_048_576, maxRows: 100 }, headers: DOSSIER_HEADERS });

describe("An export with title rows above its header", () => {
  it("CSV: the header is found under the titles (padded by Excel or not), rows keep their file lines", async () => {
    const csv = [
      "UBND XÃ CHIÊU LƯU",
      "Danh sách hồ sơ, tháng 11;;;",
      "STT;Mã hồ sơ;Chủ hồ sơ;Trạng thái",
      "1;000.00.20.H40-261120-0001;Nguyễn Văn An;Đã tiếp nhận",
    ].join("\n");
    expect(await read(new TextEncoder().encode(csv), "export.csv")).toEqual({
      rows: [
        {
          line: 4,
          cells: {
            STT: "1",
            "Mã hồ sơ": "000.00.20.H40-261120-0001",
            "Chủ hồ sơ": "Nguyễn Văn An",
            "Trạng thái": "Đã tiếp nhận",
          },
        },
      ],
      rejected: [],
      readable: true,
    });
  });

  it("CSV: a quoted title over two lines and a blank line above the header; a short row is named at its line", async () => {
    const csv = [
      '"UBND XÃ CHIÊU LƯU',
      'Trung tâm Phục vụ hành chính công"',
      "",
      "STT,Mã hồ sơ,Trạng thái",
      "1,000.00.20.H40-261120-0001,Đã tiếp nhận",
      "2,000.00.20.H40-261120-0002",
    ].join("\n");
    expect(await read(new TextEncoder().encode(csv), "export.csv")).toEqual({
      rows: [{ line: 5, cells: { STT: "1", "Mã hồ sơ": "000.00.20.H40-261120-0001", "Trạng thái": "Đã tiếp nhận" } }],
      rejected: [{ line: 6, reasons: [{ key: "row_missing_cells", cells: 2, columns: 3, absent: ["Trạng thái"] }] }],
      readable: true,
    });
  });

  it("xlsx: merged title cells, rich text and a date cell read as the sheet shows them; short rows are padded", async () => {
    const workbook = new exceljs.Workbook();
    const sheet = workbook.addWorksheet("Báo cáo");
    sheet.addRow(["DANH SÁCH HỒ SƠ"]);
    sheet.mergeCells("A1:D1");
    sheet.addRow(["STT", "Mã hồ sơ", { richText: [{ text: "Ngày " }, { text: "tiếp nhận" }] }, "Ghi chú"]);
    sheet.addRow([1, "000.00.20.H40-261120-0001", new Date(Date.UTC(2026, 10, 20, 8, 30))]);
    expect(await read(new Uint8Array(await workbook.xlsx.writeBuffer()), "x.xlsx")).toEqual({
      rows: [
        {
          line: 3,
          cells: {
            STT: "1",
            "Mã hồ sơ": "000.00.20.H40-261120-0001",
            "Ngày tiếp nhận": "20/11/2026 08:30",
            "Ghi chú": "",
          },
        },
      ],
      rejected: [],
      readable: true,
    });
  });

  it("bytes that are not a workbook are one rejected line naming the file", async () => {
    expect(await read(new TextEncoder().encode("a,b\n1,2"), "export.xlsx")).toMatchObject({
      readable: false,
      rejected: [
        { line: 1, reasons: [{ key: "workbook_unreadable", file: "export.xlsx", message: expect.any(String) }] },
      ],
    });
  });
});
