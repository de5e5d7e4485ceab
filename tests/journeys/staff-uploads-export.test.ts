import exceljs from "exceljs";
import { describe, expect, it } from "vitest";
import { type BotHarness, botPerTest, textsOf, type TestUser } from "../support/bot-harness.ts";
import { aReport, REPORTED_CODE } from "../support/dossier-report.ts";

const officer: TestUser = { id: 9601, first_name: "Cán bộ", language_code: "vi" };
const resident: TestUser = { id: 9602, first_name: "An", language_code: "vi" };
const stranger: TestUser = { id: 9603, first_name: "Lạ", language_code: "en" };
const NEW_CODE = "000.00.20.H40-251120-0002";
const HEADER = ["STT", "Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái", "Giấy tờ cần bổ sung"];

/** A one-stop system's export as centers download it: two title rows, then the header, then the dossiers. */
async function exportWorkbook(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new exceljs.Workbook();
  const sheet = workbook.addWorksheet("Hồ sơ");
  sheet.addRow(["UBND XÃ CHIÊU LƯU"]);
  sheet.addRow(["DANH SÁCH HỒ SƠ TIẾP NHẬN TỪ 20/11/2026 ĐẾN 25/11/2026"]);
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const todaysExport = () =>
  exportWorkbook([
    [1, REPORTED_CODE, "Đăng ký khai sinh", "Nguyễn Văn An", new Date(Date.UTC(2026, 10, 20, 9, 0)), "01/12/2030", "Chờ bổ sung", "Giấy chứng sinh bản chính"],
    [2, NEW_CODE, "Đăng ký khai sinh", "Trần Thị Bình", "20/11/2026 10:15", "", "Đã tiếp nhận", ""],
  ]);

async function staffOf(b: BotHarness, user: TestUser, ...communes: string[]) {
  for (const communeCode of communes) await b.services.store.staff.grant({ userId: user.id, communeCode, grantedBy: 1, grantedAt: new Date().toISOString() });
}

describe("A staff member uploads the one-stop system's export in the chat", () => {
  const bots = botPerTest();

  it("gets the report; the follower is told once, with the missing papers; the resident sees them on the card; a stranger's upload is refused", async () => {
    const b = await bots.start();
    await staffOf(b, officer, "16855");
    await b.services.store.dossiers.applyReports([aReport({ status: "received" })], new Date());
    await b.say(resident, REPORTED_CODE);
    await b.tapLabel(resident, "Báo tôi khi có thay đổi");

    const file = { name: "ho-so-20-11.xlsx", content: await todaysExport() };
    const report = textsOf(await b.sendDocument(officer, file)).filter((t) => !t.startsWith("🔔"));
    expect(report).toEqual([
      "✅ <b>Xã Chiêu Lưu</b>: đã nhập hồ sơ từ «ho-so-20-11.xlsx».\nThêm mới: 1 · Cập nhật: 1 · Không đổi: 0.\nNgười theo dõi hồ sơ đổi trạng thái sẽ được báo tin.",
    ]);
    expect((await b.services.store.dossiers.get(NEW_CODE))?.receivedAt).toBe("2026-11-20T03:15:00.000Z");

    await b.background.runOnce();
    const told = () => textsOf(b.api.calls.filter((c) => c.payload.chat_id === resident.id)).filter((t) => t.startsWith("🔔"));
    expect(told()).toHaveLength(1);
    expect(told()[0]).toContain(`Hồ sơ <b>${REPORTED_CODE}</b> đã chuyển sang: <b>Cần bổ sung giấy tờ</b>`);
    expect(told()[0]).toContain("Giấy tờ cần bổ sung: Giấy chứng sinh bản chính");

    // The same file again changes nothing and tells nobody.
    expect(textsOf(await b.sendDocument(officer, file))[0]).toContain("Thêm mới: 0 · Cập nhật: 0 · Không đổi: 2.");
    await b.background.runOnce();
    expect(told()).toHaveLength(1);

    const card = textsOf(await b.say(resident, REPORTED_CODE))[0] ?? "";
    expect(card).toContain("Trạng thái: <b>Cần bổ sung giấy tờ</b>");
    expect(card).toContain("Giấy tờ cần bổ sung: Giấy chứng sinh bản chính");

    expect(textsOf(await b.sendDocument(stranger, file))).toEqual([
      "Sorry, only authorised center staff can send me data files. To check a dossier, send the code printed on your receipt.",
    ]);
    expect(await b.services.store.dossiers.get("000.00.20.H40-251120-0003")).toBeUndefined();
  });
});
