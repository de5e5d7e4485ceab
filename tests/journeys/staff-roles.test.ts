import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";

const admin: TestUser = { id: 9001, first_name: "Quản trị", language_code: "vi" };
const officer: TestUser = { id: 9002, first_name: "Cán bộ", language_code: "vi" };
const citizen: TestUser = { id: 9003, first_name: "Dân", language_code: "vi" };

async function auditEntries(stateDir: string) {
  const dir = join(stateDir, "audit");
  const text = (await Promise.all((await readdir(dir)).map((f) => readFile(join(dir, f), "utf8")))).join("");
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe("Roles: administrators grant staff per commune; everyone else is refused politely", () => {
  const bots = botPerTest();

  it("an administrator grants, lists and revokes a staff member, and each action is audited", async () => {
    const b = await bots.start({ ADMIN_IDS: `${admin.id}` });
    expect(textsOf(await b.say(admin, `/grant ${officer.id} 16855`))[0]).toBe(
      `Đã cấp quyền cán bộ Xã Chiêu Lưu cho ${officer.id}.`,
    );
    expect(await b.services.store.staff.communesOf(officer.id)).toEqual(["16855"]);
    const menu = b.api.calls.find((c) => c.method === "setMyCommands" && c.payload.scope?.chat_id === officer.id);
    expect(menu?.payload.commands.map((c: { command: string }) => c.command)).toEqual(
      expect.arrayContaining(["broadcast", "location", "stats", "status"]),
    );
    // Citizens' menus (no scope) never list staff commands.
    const citizenMenus = b.api.calls.filter((c) => c.method === "setMyCommands" && !c.payload.scope);
    for (const m of citizenMenus)
      expect(m.payload.commands.map((c: { command: string }) => c.command)).not.toContain("broadcast");
    expect(textsOf(await b.say(admin, "/staff"))[0]).toContain(`• ${officer.id} — Xã Chiêu Lưu`);
    expect(textsOf(await b.say(admin, `/revoke ${officer.id} 16855`))[0]).toBe(
      `Đã thu hồi quyền cán bộ Xã Chiêu Lưu của ${officer.id}.`,
    );
    expect(await b.services.store.staff.communesOf(officer.id)).toEqual([]);
    expect(b.api.calls.some((c) => c.method === "deleteMyCommands" && c.payload.scope?.chat_id === officer.id)).toBe(
      true,
    );
    const entries = await auditEntries(b.stateDir);
    expect(entries.map((e) => [e.actor, e.action, e.communeCode, e.details.userId])).toEqual([
      [admin.id, "staff.grant", "16855", officer.id],
      [admin.id, "staff.revoke", "16855", officer.id],
    ]);
  });

  it("a forwarded message tells the administrator the sender's id; a bad grant explains the usage", async () => {
    const b = await bots.start({ ADMIN_IDS: `${admin.id}` });
    const forwarded = await b.push({
      message: {
        message_id: 1,
        date: 0,
        chat: { id: admin.id, type: "private", first_name: admin.first_name ?? "" },
        from: { id: admin.id, is_bot: false, first_name: admin.first_name ?? "" },
        text: "xin chào",
        forward_origin: { type: "user", date: 0, sender_user: { id: officer.id, is_bot: false, first_name: "Lan" } },
      },
    });
    expect(textsOf(forwarded)[0]).toContain(`/grant ${officer.id}`);
    expect(textsOf(await b.say(admin, "/grant lan"))[0]).toContain("Cách dùng: /grant");
    expect(textsOf(await b.say(admin, `/grant ${officer.id} 99999`))[0]).toBe("Không có xã/phường nào mã 99999.");
  });

  it("a citizen cannot grant, and nothing is written", async () => {
    const b = await bots.start({ ADMIN_IDS: `${admin.id}` });
    expect(textsOf(await b.say(citizen, `/grant ${citizen.id} 16855`))[0]).toBe(
      "Xin lỗi, lệnh này chỉ dành cho quản trị viên.",
    );
    expect(await b.services.store.staff.list()).toEqual([]);
  });
});

describe("A citizen chooses to receive the commune's notices", () => {
  const bots = botPerTest();

  it("is asked after choosing the commune, and /notices shows the state and turns it off", async () => {
    const b = await bots.start();
    await b.say(citizen, "/start");
    const chosen = textsOf(await b.say(citizen, "Hồng Bắc"));
    expect(chosen.at(-1)).toContain("Bạn có muốn nhận thông báo của trung tâm Xã A Lưới 2");
    await b.tapLabel(citizen, "Có, nhận thông báo");
    expect(await b.services.store.users.noticeAudience("20044")).toEqual([citizen.id]);
    expect(await b.services.store.users.noticeAudience("20044", ["20065"])).toEqual([citizen.id]);
    expect(await b.services.store.users.noticeAudience("20044", ["20068"])).toEqual([]);

    const state = textsOf(await b.say(citizen, "/notices"))[0];
    expect(state).toContain("Chưa có thông báo nào.");
    expect(state).toContain("Bạn đang nhận thông báo.");
    await b.tapLabel(citizen, "Tắt thông báo");
    expect(await b.services.store.users.noticeAudience("20044")).toEqual([]);
  });
});

describe("A staff member revoked in the middle of a dialogue", () => {
  const bots = botPerTest();
  const noLonger =
    "Bạn không còn quyền cán bộ của xã/phường này nên thông tin chưa được gửi hay lưu. Nếu cần, hãy liên hệ quản trị viên.";

  it("is granted, starts /broadcast, is revoked by the administrator, presses ✅ Gửi: nothing is sent and they are told why", async () => {
    const b = await bots.start({ ADMIN_IDS: `${admin.id}` });
    await b.services.store.users.update(citizen.id, { communeCode: "16855", notices: true });
    await b.say(admin, `/grant ${officer.id} 16855`);
    await b.say(officer, "/broadcast");
    await b.say(officer, "Trung tâm nghỉ làm việc chiều thứ Sáu.");
    await b.tapLabel(officer, "Không, tiếp tục");
    await b.tapLabel(officer, "Cả xã/phường");
    await b.say(admin, `/revoke ${officer.id} 16855`);

    const from = b.api.calls.length;
    expect(textsOf(await b.tapLabel(officer, "Gửi"))).toEqual([noLonger]);
    expect(await b.services.store.notices.latest("16855", 1)).toEqual([]);
    expect(b.api.calls.slice(from).some((c) => Number(c.payload.chat_id) === citizen.id)).toBe(false);
    expect((await auditEntries(b.stateDir)).map((e) => e.action)).toEqual(["staff.grant", "staff.revoke"]);
  });

  it("revoked while inside /location, presses ✅ Cập nhật: the center stays as it was", async () => {
    const b = await bots.start({ ADMIN_IDS: `${admin.id}` });
    await b.services.store.users.update(citizen.id, { communeCode: "16855" });
    await b.say(admin, `/grant ${officer.id} 16855`);
    await b.say(officer, "/location");
    for (const answer of ["Số 9 đường Mẫu", "-", "-", "-"]) await b.say(officer, answer);
    await b.say(admin, `/revoke ${officer.id} 16855`);

    expect(textsOf(await b.tapLabel(officer, "Cập nhật"))).toEqual([noLonger]);
    expect(await b.services.store.centerUpdates.all()).toEqual({});
    const center = textsOf(await b.say(citizen, "/center"))[0] ?? "";
    expect(center).toContain("Xã Chiêu Lưu");
    expect(center).not.toContain("Số 9 đường Mẫu");
  });
});
