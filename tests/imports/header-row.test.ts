import exceljs from "exceljs";
import { describe, expect, it } from "vitest";
import { DOSSIER_HEADERS } from "../../src/domain/imports/dossier-import.ts";
import { parseCsvSheet } from "../../src/imports/csv-sheet.ts";
import { readXlsxSheet } from "../../src/imports/xlsx-sheet.ts";

describe("An export with title rows above its header", () => {
  it("CSV: the header is found under the titles (padded by Excel or not), rows keep their file lines", () => {
    const csv = [
      "UBND XÃ CHIÊU LƯU",
      "Danh sách hồ sơ, tháng 11;;;",
      "STT;Mã hồ sơ;Chủ hồ sơ;Trạng thái",
      "1;000.00.20.H40-261120-0001;Nguyễn Văn An;Đã tiếp nhận",
    ].join("\n");
    expect(parseCsvSheet(csv, DOSSIER_HEADERS)).toEqual({
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
    });
  });

  it("xlsx: merged title cells, rich text and a date cell read as the sheet shows them; short rows are padded", async () => {
    const workbook = new exceljs.Workbook();
    const sheet = workbook.addWorksheet("Báo cáo");
    sheet.addRow(["DANH SÁCH HỒ SƠ"]);
    sheet.mergeCells("A1:D1");
    sheet.addRow(["STT", "Mã hồ sơ", { richText: [{ text: "Ngày " }, { text: "tiếp nhận" }] }, "Ghi chú"]);
    sheet.addRow([1, "000.00.20.H40-261120-0001", new Date(Date.UTC(2026, 10, 20, 8, 30))]);
    const read = await readXlsxSheet(new Uint8Array(await workbook.xlsx.writeBuffer()), "x.xlsx", DOSSIER_HEADERS);
    expect(read).toEqual({
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
    });
  });

  it("bytes that are not a workbook are one rejected line naming the file", async () => {
    await expect(
      readXlsxSheet(new TextEncoder().encode("a,b\n1,2"), "export.xlsx", DOSSIER_HEADERS),
    ).rejects.toMatchObject({
      rejected: {
        line: 1,
        reason: expect.stringContaining("export.xlsx could not be read as an Excel workbook (.xlsx)"),
      },
    });
  });
});
