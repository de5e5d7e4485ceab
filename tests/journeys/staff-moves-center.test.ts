import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";
import { DATA_DIR } from "../support/catalog.ts";

const officer: TestUser = { id: 9402, first_name: "Cán bộ", language_code: "vi" };
const resident: TestUser = { id: 9403, first_name: "Dân", language_code: "vi" };
const dataFile = join(DATA_DIR, "communes", "hue", "20044.json");

describe("A staff member moves the center", () => {
  const bots = botPerTest();

  it("updates address, hours and pin with a preview; /center shows it at once; data/ is untouched; the move is announced", async () => {
    const before = await readFile(dataFile, "utf8");
    const b = await bots.start();
    await b.grantStaff(officer, "20044");
    await b.services.store.users.update(resident.id, { communeCode: "20044", notices: true });

    expect(textsOf(await b.say(officer, "/location")).join("\n")).toContain("195 Hồ Chí Minh");
    await b.say(officer, "Số 2 đường Mẫu (trụ sở mới)");
    await b.say(officer, "Thứ Hai - Thứ Sáu 7:00-17:00");
    await b.say(officer, "16.26, 107.21");
    const preview = textsOf(await b.say(officer, "0000 111 222"))[0] ?? "";
    expect(preview).toContain("Địa chỉ: Số 2 đường Mẫu (trụ sở mới)");
    expect(preview).toContain("Giờ làm việc: Thứ Hai - Thứ Sáu 7:00-17:00");
    expect(preview).toContain("Điện thoại: 0000 111 222");
    await b.tapLabel(officer, "Cập nhật");

    const center = await b.say(resident, "/center");
    expect(center.find((c) => c.method === "sendVenue")?.payload).toMatchObject({
      latitude: 16.26,
      longitude: 107.21,
      address: "Số 2 đường Mẫu (trụ sở mới)",
    });
    expect(textsOf(center)[0]).not.toContain("chưa được trung tâm xác nhận");
    expect(await readFile(dataFile, "utf8")).toBe(before);
    expect(JSON.parse(await readFile(join(b.stateDir, "center-updates.json"), "utf8"))["20044"]).toMatchObject({
      address: "Số 2 đường Mẫu (trụ sở mới)",
      updatedBy: officer.id,
    });

    await b.tapLabel(officer, "Thông báo cho người dân");
    const preview2 = textsOf(await b.tapLabel(officer, "Cả xã/phường"));
    expect(preview2[1]).toContain(
      "đã chuyển đến: Số 2 đường Mẫu (trụ sở mới). Giờ làm việc: Thứ Hai - Thứ Sáu 7:00-17:00.",
    );
    await b.tapLabel(officer, "Gửi");
    const [notice] = await b.services.store.notices.latest("20044", 1);
    expect(await b.broadcasts.run(notice!)).toMatchObject({ total: 1, sent: 1 });
    expect(notice?.location).toEqual({ lat: 16.26, lon: 107.21 });

    const audit = [];
    for await (const e of b.services.store.audit.since(new Date(0))) audit.push(e.action);
    expect(audit).toEqual(["center.update", "broadcast.send"]);
  });

  it("the change survives a restart", async () => {
    const first = await bots.start();
    await first.grantStaff(officer, "20044");
    await first.say(officer, "/location");
    for (const answer of ["Số 9 đường Mẫu", "-", "-", "-"]) await first.say(officer, answer);
    await first.tapLabel(officer, "Cập nhật");
    const again = await bots.restart(first);
    expect(textsOf(await again.say(resident, "/start")).length).toBeGreaterThan(0);
    await again.say(resident, "A Lưới 2");
    expect(textsOf(await again.say(resident, "/center"))[0]).toContain("Địa chỉ: Số 9 đường Mẫu");
  });
});
