import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import exceljs from "exceljs";
import { describe, expect, it } from "vitest";
import { visibleLength } from "../../src/bot/views/html.ts";
import { BotHarness, botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";
import { DATA_DIR } from "../support/catalog.ts";
import { aReport, REPORTED_CODE } from "../support/dossier-report.ts";

const officer: TestUser = { id: 9601, first_name: "Cán bộ", language_code: "vi" };
const resident: TestUser = { id: 9602, first_name: "An", language_code: "vi" };
const stranger: TestUser = { id: 9603, first_name: "Lạ", language_code: "en" };
const NEW_CODE = "000.00.20.H40-251120-0002";
const HEADER = [
  "STT",
  "Mã hồ sơ",
  "Tên thủ tục",
  "Chủ hồ sơ",
  "Ngày tiếp nhận",
  "Ngày hẹn trả",
  "Trạng thái",
  "Giấy tờ cần bổ sung",
  "Ghi chú",
  "Hạn bổ sung",
];

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
    [
      1,
      REPORTED_CODE,
      "Đăng ký khai sinh",
      "Nguyễn Văn An",
      new Date(Date.UTC(2026, 10, 20, 9, 0)),
      "01/12/2030",
      "Chờ bổ sung",
      "Giấy chứng sinh bản chính",
      "Mang bản chính, không nhận bản chụp",
      "05/12/2026",
    ],
    [2, NEW_CODE, "Đăng ký khai sinh", "Trần Thị Bình", "20/11/2026 10:15", "", "Đã tiếp nhận", "", "", ""],
  ]);

async function staffOf(b: BotHarness, user: TestUser, ...communes: string[]) {
  for (const communeCode of communes) await b.grantStaff(user, communeCode);
}

describe("A staff member uploads the one-stop system's export in the chat", () => {
  const bots = botPerTest();

  it("gets the report; the follower is told once, with the missing papers; the resident sees them on the card; a stranger's upload is refused", async () => {
    const b = await bots.start();
    await staffOf(b, officer, "16855");
    // As the previous export had it: a date alone is due by the end of that day in Vietnam.
    await b.services.store.dossiers.applyReports(
      [aReport({ status: "received", due: "2030-12-01T16:59:59.000Z" })],
      new Date(),
    );
    await b.say(resident, REPORTED_CODE);
    await b.tapLabel(resident, "Báo tôi khi có thay đổi");

    const file = { name: "ho-so-20-11.xlsx", content: await todaysExport() };
    const report = textsOf(await b.sendDocument(officer, file)).filter((t) => !t.startsWith("🔔"));
    expect(report).toEqual([
      "✅ <b>Xã Chiêu Lưu</b>: đã nhập hồ sơ từ «ho-so-20-11.xlsx».\nThêm mới: 1 · Cập nhật: 1 · Không đổi: 0.\nNgười theo dõi hồ sơ đổi trạng thái sẽ được báo tin.",
    ]);
    expect((await b.services.store.dossiers.get(NEW_CODE))?.receivedAt).toBe("2026-11-20T03:15:00.000Z");

    await b.background.runOnce();
    const told = () =>
      textsOf(b.api.calls.filter((c) => c.payload.chat_id === resident.id)).filter((t) => t.startsWith("🔔"));
    expect(told()).toHaveLength(1);
    expect(told()[0]).toContain(`Hồ sơ <b>${REPORTED_CODE}</b> đã chuyển sang: <b>Cần bổ sung giấy tờ</b>`);
    expect(told()[0]).toContain("Giấy tờ cần bổ sung: Giấy chứng sinh bản chính");
    expect(told()[0]).toContain("⌛ Hạn làm việc này: trước hết ngày <b>05/12/2026</b>.");

    // The same file again changes nothing and tells nobody.
    expect(textsOf(await b.sendDocument(officer, file))[0]).toContain("Thêm mới: 0 · Cập nhật: 0 · Không đổi: 2.");
    await b.background.runOnce();
    expect(told()).toHaveLength(1);

    const card = textsOf(await b.say(resident, REPORTED_CODE))[0] ?? "";
    expect(card).toContain("Trạng thái: <b>Cần bổ sung giấy tờ</b>");
    expect(card).toContain("Giấy tờ cần bổ sung: Giấy chứng sinh bản chính");
    expect(card).toContain("Ghi chú của trung tâm: Mang bản chính, không nhận bản chụp");
    expect(card).toContain("⌛ Hạn làm việc này: trước hết ngày <b>05/12/2026</b>.");
    expect(card).toContain("⏸ Thời gian giải quyết đang tạm dừng để chờ bạn");
    expect(card).not.toContain("⏰");
    expect(card).not.toContain("dời");

    expect(textsOf(await b.sendDocument(stranger, file))).toEqual([
      "Sorry, only authorised center staff can send me data files. To check a dossier, send the code printed on your receipt.",
    ]);
    expect(await b.services.store.dossiers.get("000.00.20.H40-251120-0003")).toBeUndefined();
  });

  it("a staff member of two communes is asked which one with buttons; a row of another commune's dossier is rejected, nothing applied", async () => {
    const b = await bots.start();
    await staffOf(b, officer, "16855", "20044");
    await b.services.store.dossiers.applyReports([aReport({ communeCode: "20044" })], new Date());
    const asked = textsOf(await b.sendDocument(officer, { name: "export.xlsx", content: await todaysExport() }));
    expect(asked).toEqual(["Bạn là cán bộ của nhiều xã. Tệp «export.xlsx» là của xã nào?"]);
    const report = textsOf(await b.tapLabel(officer, "Chiêu Lưu"))[0] ?? "";
    expect(report).toContain("❌ <b>Xã Chiêu Lưu</b>: chưa nhập gì từ «export.xlsx»: 1 dòng bị từ chối.");
    expect(report).toContain(
      `• dòng 4: hồ sơ ${REPORTED_CODE} thuộc xã mã 20044, không phải xã mã 16855: nhập tệp không bao giờ chuyển hồ sơ sang xã khác`,
    );
    expect((await b.services.store.dossiers.get(REPORTED_CODE))?.communeCode).toBe("20044");
    expect(await b.services.store.dossiers.get(NEW_CODE)).toBeUndefined();
  });

  /**
   * A file with a label the bot does not know (with an "&", as a typed label may have) and a
   * dossier stored under another commune, uploaded by staff of Chiêu Lưu; the report's rejected lines.
   */
  async function rejectedLines(b: BotHarness, staff: TestUser): Promise<string[]> {
    await b.services.store.dossiers.applyReports([aReport({ communeCode: "20044" })], new Date());
    await b.grantStaff(staff, "16855");
    const file = await exportWorkbook([
      [1, REPORTED_CODE, "Đăng ký khai sinh", "Nguyễn Văn An", "20/11/2026", "", "Đang giải quyết", "", "", ""],
      [2, NEW_CODE, "Đăng ký khai sinh", "Trần Thị Bình", "20/11/2026", "", "Chờ ký & duyệt", "", "", ""],
    ]);
    const [report = ""] = textsOf(await b.sendDocument(staff, { name: "ho-so.xlsx", content: file }));
    expect(await b.services.store.dossiers.get(NEW_CODE)).toBeUndefined();
    return report.split("\n");
  }

  it("a Vietnamese-speaking staff member reads why each row was refused in Vietnamese", async () => {
    const lines = await rejectedLines(await bots.start(), officer);
    expect(lines[0]).toBe(
      "❌ <b>Xã Chiêu Lưu</b>: chưa nhập gì từ «ho-so.xlsx»: 2 dòng bị từ chối. Tệp được nhập trọn vẹn hoặc không nhập gì: bạn sửa các dòng dưới đây rồi gửi lại cả tệp.",
    );
    expect(lines[1]).toBe(
      `• dòng 4: hồ sơ ${REPORTED_CODE} thuộc xã mã 20044, không phải xã mã 16855: nhập tệp không bao giờ chuyển hồ sơ sang xã khác (bạn hỏi trung tâm của xã kia, hoặc bỏ dòng này đi)`,
    );
    expect(lines[2]).toMatch(
      /^• dòng 5: Trạng thái "Chờ ký &amp; duyệt" không phải trạng thái hồ sơ mà hệ thống biết\. Các giá trị Trạng thái chưa biết trong tệp này: "Chờ ký &amp; duyệt" \(dòng 5\)\. Các giá trị được chấp nhận: "Mới đăng ký", .*"Chờ bổ sung".*, tên tiếng Anh, hoặc số từ 1 đến 10;/,
    );
    expect(lines).toHaveLength(3);
  });

  it("an English-speaking staff member reads the same reasons in English", async () => {
    const lines = await rejectedLines(await bots.start(), { id: 9604, first_name: "Staff", language_code: "en" });
    expect(lines[1]).toBe(
      `• line 4: dossier ${REPORTED_CODE} belongs to commune 20044, not 16855: an import never moves a dossier between communes (ask that commune's center, or remove the row)`,
    );
    expect(lines[2]).toMatch(
      /^• line 5: Trạng thái "Chờ ký &amp; duyệt" is not a known status\. Trạng thái labels not known in this file: "Chờ ký &amp; duyệt" \(line 5\)\. Known labels: "Mới đăng ký", /,
    );
  });

  it("a long list of rejected rows is cut to one message that says how many more; a file over 20 MB or of another kind is refused", async () => {
    const b = await bots.start();
    await staffOf(b, officer, "16855");
    const rows = Array.from({ length: 300 }, (_, i) => [
      i + 1,
      `000.00.20.H40-251120-${String(i + 1).padStart(4, "0")}`,
      "Khai sinh",
      "Trần Thị Bình",
      "20/11/2026",
      "",
      "Chờ duyệt",
      "",
    ]);
    const report =
      textsOf(await b.sendDocument(officer, { name: "big.xlsx", content: await exportWorkbook(rows) }))[0] ?? "";
    expect(report).toContain("300 dòng bị từ chối");
    expect(report).toContain('Các giá trị Trạng thái chưa biết trong tệp này: "Chờ duyệt" (dòng 4, 5, 6,');
    expect(report.split('"Chờ duyệt" (dòng').length).toBe(2);
    expect(report).toMatch(/… và \d+ dòng nữa \(dòng \d+, \d+, .*…\)\.$/);
    expect(visibleLength(report)).toBeLessThanOrEqual(4096);

    const tooBig = { name: "year.xlsx", content: new Uint8Array(0), size: 25 * 1024 * 1024 };
    expect(textsOf(await b.sendDocument(officer, tooBig))[0]).toBe(
      "Tệp «year.xlsx» nặng 25.0 MB, mà Telegram chỉ cho bot tải tệp đến 20 MB. Bạn chia thành nhiều tệp nhỏ hơn rồi gửi lần lượt.",
    );
    expect(textsOf(await b.sendDocument(officer, { name: "photo.jpg", content: new Uint8Array(10) }))[0]).toContain(
      "chỉ đọc được tệp .csv hoặc .xlsx",
    );
    expect(b.api.calls.filter((c) => c.method === "getFile")).toHaveLength(1);
  });

  it("the center's posted procedure list, recognised by its header under a title row, replaces the commune's list, survives a restart and is audited", async () => {
    let b = await BotHarness.start();
    try {
      await staffOf(b, officer, "16855");
      // The second code is posted by the center but has no catalog entry yet (a made-up code).
      const csv = "DANH MỤC THỦ TỤC NIÊM YẾT\nSTT,Mã TTHC,Ghi chú\n1,1.001193,Nộp tại quầy số 2\n2,2.002999,\n";
      const [report = ""] = textsOf(
        await b.sendDocument(officer, { name: "niem-yet.csv", content: new TextEncoder().encode(csv) }),
      );
      expect(report).toContain(
        "✅ <b>Xã Chiêu Lưu</b>: đã cập nhật danh sách thủ tục niêm yết từ «niem-yet.csv» (1 thủ tục).",
      );
      // Staff are told at once which posted procedure the bot cannot explain yet.
      expect(report).toContain("<b>1 thủ tục trong danh sách chưa có trong bot</b>");
      expect(report).toContain("<code>2.002999</code>");
      expect([...b.services.catalog.postedCodes("16855")]).toEqual(["1.001193"]);
      // Kept with the bot's state, not in data/ (which a new release replaces).
      expect(existsSync(join(DATA_DIR, "posted", "16855.json"))).toBe(false);
      b = await b.restart();
      expect([...b.services.catalog.postedCodes("16855")]).toEqual(["1.001193"]);
      expect(b.services.catalog.postedList("16855")).toMatchObject({
        procedures: [{ code: "1.001193", note: "Nộp tại quầy số 2" }],
        uncatalogued: [{ code: "2.002999" }],
      });
      const audit = (
        await readFile(join(b.stateDir, "audit", (await readdir(join(b.stateDir, "audit")))[0] ?? ""), "utf8")
      )
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(audit.at(-1)).toMatchObject({
        actor: officer.id,
        action: "catalog.import",
        communeCode: "16855",
        details: { file: "niem-yet.csv", applied: true, procedures: 1 },
      });
    } finally {
      await b.stop();
      await b.removeState();
    }
  });
});
