import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/domain/catalog/load.ts";
import { botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";
import { DATA_DIR } from "../support/catalog.ts";

/** Mường Xén (Nghệ An) has no hand-written center: only the national directory knows it. */
const MUONG_XEN = "16813";

describe("Every commune's center is on the map", () => {
  const bots = botPerTest();

  it("a commune without hand-written data: /center gives the People's Committee address, says what it is, and sends a pin", async () => {
    const b = await bots.start();
    const citizen: TestUser = { id: 801, first_name: "Vàng", language_code: "vi" };
    await b.say(citizen, "/commune");
    await b.say(citizen, "huyện Bảo Thắng");
    await b.tapLabel(citizen, "Xã Phong Hải");
    const center = await b.say(citizen, "/center");
    const venue = center.find((c) => c.method === "sendVenue")?.payload;
    expect(venue).toMatchObject({
      title: "Trụ sở UBND Xã Phong Hải",
      latitude: expect.closeTo(22.6, 0),
      longitude: expect.closeTo(104.1, 0),
    });
    const text = textsOf(center)[0] ?? "";
    expect(text).toContain(`Địa chỉ: ${String(venue?.address)}`);
    expect(text).toContain("Trung tâm Phục vụ hành chính công thường đặt tại đây nhưng chưa được xác nhận");
    expect(text).not.toContain("bất kỳ trung tâm nào");
  });

  it("a checklist in such a commune ends with the address and a pin", async () => {
    const b = await bots.start();
    const citizen: TestUser = { id: 802, first_name: "Sùng", language_code: "vi" };
    await b.services.store.users.update(citizen.id, { communeCode: "02905" });
    // The official name typed in full opens its card at once.
    await b.say(citizen, "đăng ký khai sinh");
    await b.tapLabel(citizen, "Lập danh sách giấy tờ");
    await b.tapLabel(citizen, "Không, sinh ở nhà");
    await b.tapLabel(citizen, "Không");
    const done = await b.tapLabel(citizen, "Chưa, trong 60 ngày");
    const checklist = textsOf(done).find((t) => t.startsWith("📋")) ?? "";
    expect(checklist).toContain("<b>Nộp ở đâu:</b> Trụ sở UBND Xã Bảo Thắng, ");
    expect(done.find((c) => c.method === "sendVenue")?.payload).toMatchObject({ title: "Trụ sở UBND Xã Bảo Thắng" });
  });
});

describe("'Any center in the province accepts it' only where the province lists the procedure", () => {
  const bots = botPerTest();

  it("is said on the card of a listed procedure in that province only", async () => {
    const dir = await mkdtemp(join(tmpdir(), "motcua-province-wide-"));
    try {
      await cp(DATA_DIR, dir, { recursive: true });
      await mkdir(join(dir, "province-wide"));
      const list = { province: "Nghệ An", procedures: ["1.001193"], source: "sample list for a test", verified: false };
      await writeFile(join(dir, "province-wide", "nghe-an.json"), JSON.stringify(list));
      const catalog = await loadCatalog(dir);
      expect(catalog.provinceWideCodes(MUONG_XEN).has("1.001193")).toBe(true);
      expect(catalog.provinceWideCodes(MUONG_XEN).has("1.000656")).toBe(false);
      expect(catalog.provinceWideCodes("20044").size).toBe(0);
      const shipped = await loadCatalog(DATA_DIR);
      expect(shipped.provinceWideCodes(MUONG_XEN).size).toBe(0);

      const b = await bots.startWithData(dir);
      const citizen: TestUser = { id: 803, first_name: "Xuân", language_code: "vi" };
      await b.services.store.users.update(citizen.id, { communeCode: MUONG_XEN });
      const card = textsOf(await b.say(citizen, "đăng ký khai sinh")).join("\n");
      expect(card).toContain("Thủ tục này Nghệ An cho phép nộp tại bất kỳ trung tâm nào trong tỉnh.");
      expect(textsOf(await b.say(citizen, "/center"))[0]).toContain(
        "Nghệ An có 1 thủ tục nhận hồ sơ tại bất kỳ trung tâm nào",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
