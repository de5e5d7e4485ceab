import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.ts";
import { botPerTest, textsOf, type TestUser } from "../support/bot-harness.ts";

const officer: TestUser = { id: 9502, first_name: "Cán bộ", language_code: "vi" };
const resident: TestUser = { id: 9503, first_name: "Dân", language_code: "vi" };

describe("A staff member reads the center's statistics", () => {
  const bots = botPerTest();

  it("sees a chart and the unanswered questions of their commune; the terminal gives the same figures", async () => {
    const b = await bots.start();
    await b.services.store.staff.grant({ userId: officer.id, communeCode: "20044", grantedBy: 1, grantedAt: new Date().toISOString() });
    await b.say(resident, "/start");
    await b.say(resident, "A Lưới 2");
    await b.say(resident, "khai sinh");
    await b.tapLabel(resident, "Đăng ký khai sinh");
    await b.say(resident, "mua vé tàu");
    await b.say(resident, "Mua vé tàu");
    await b.say(resident, "000.00.20.H40-250709-0077");

    const calls = await b.say(officer, "/stats");
    const photo = calls.find((c) => c.method === "sendPhoto");
    expect(photo?.response?.ok).toBe(true);
    expect(String(photo?.payload.photo)).toMatch(/^uploaded:/);
    expect(photo?.payload.caption).toContain("lượt tìm thủ tục");
    const text = textsOf(calls)[0] ?? "";
    expect(text).toContain("📊 <b>Thống kê Xã A Lưới 2</b>");
    expect(text).toContain("<b>7 ngày qua:</b> 3 lượt tìm thủ tục, 0 danh sách giấy tờ đã lập; tra cứu hồ sơ: 0 tìm thấy, 1 không thấy.");
    expect(text).toContain("• mua vé tàu (2)");
    expect(text).toContain("• Đăng ký khai sinh (1)");

    const { code, stdout } = await runCli(["stats", "--commune", "20044", "--json"], { STATE_DIR: b.stateDir });
    expect(code).toBe(0);
    const figures = JSON.parse(stdout);
    expect(figures.last7.unansweredQueries).toEqual([{ query: "mua vé tàu", count: 2 }]);
    expect(figures.last30.lookups).toEqual({ found: 0, notFound: 1 });
  });

  it("staff of another commune only see their own; a citizen is refused", async () => {
    const b = await bots.start();
    expect(textsOf(await b.say(resident, "/stats"))[0]).toBe("Xin lỗi, lệnh này chỉ dành cho cán bộ trung tâm được cấp quyền.");
    await b.services.store.staff.grant({ userId: officer.id, communeCode: "16855", grantedBy: 1, grantedAt: new Date().toISOString() });
    const text = textsOf(await b.say(officer, "/stats"))[0] ?? "";
    expect(text).toContain("Thống kê Xã Chiêu Lưu");
    expect(b.api.calls.some((c) => c.method === "sendPhoto" && c.payload.chat_id === resident.id)).toBe(false);
  });

  it("sees which list the center posts; without an imported list, that the national one is used", async () => {
    const b = await bots.start();
    await b.services.store.staff.grant({ userId: officer.id, communeCode: "20044", grantedBy: 1, grantedAt: new Date().toISOString() });
    const text = textsOf(await b.say(officer, "/posted"))[0] ?? "";
    expect(text).toMatch(/^📋 <b>Xã A Lưới 2<\/b> chưa nhập danh sách thủ tục niêm yết riêng; bot dùng danh mục chung cấp xã \(\d+ thủ tục\)/);
    expect(textsOf(await b.say(resident, "/posted"))[0]).toBe("Xin lỗi, lệnh này chỉ dành cho cán bộ trung tâm được cấp quyền.");
  });
});
