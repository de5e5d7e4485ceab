import { describe, expect, it } from "vitest";
import { type BotHarness, botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";
import { aReport, REPORTED_CODE } from "../support/dossier-report.ts";

const officer: TestUser = { id: 9102, first_name: "Cán bộ", language_code: "vi" };
const resident: TestUser = { id: 9204, first_name: "Dân", language_code: "vi" };

async function officerAndResident(b: BotHarness) {
  await b.grantStaff(officer, "20044");
  await b.services.store.users.update(resident.id, { communeCode: "20044", notices: true });
}

/** A notice of exactly `length` characters, in sentences, as staff would paste it. */
const noticeOf = (length: number, tag = "") =>
  `${`${tag}${"Trung tâm nghỉ lễ, hẹn trả hồ sơ sau. ".repeat(Math.ceil(length / 38))}`.slice(0, length - 1)}.`;

/** The officer sends a photo with `caption` while /broadcast waits for the notice. */
function sendPhoto(b: BotHarness, caption: string) {
  const chat = { id: officer.id, type: "private" as const, first_name: officer.first_name ?? "" };
  const photo = [{ file_id: "photo-of-new-hours", file_unique_id: "u1", width: 800, height: 600 }];
  return b.push({
    message: {
      message_id: 1000,
      date: 0,
      chat,
      from: { id: officer.id, is_bot: false, first_name: "Cán bộ" },
      photo,
      caption,
    },
  });
}

describe("Notices longer than Telegram allows", () => {
  const bots = botPerTest();

  it("a 4,090-character notice is refused at the text step with the limit stated; a shorter one then goes out whole", async () => {
    const b = await bots.start();
    await officerAndResident(b);
    await b.say(officer, "/broadcast");

    const refusal = textsOf(await b.say(officer, noticeOf(4090)));
    expect(refusal).toEqual([expect.stringContaining("Nội dung dài 4.090 ký tự, quá giới hạn 4.000 ký tự")]);

    // Still at the text step: the next text is taken as the notice, and its preview shows.
    const shorter = noticeOf(4000, "Bản rút gọn. ");
    await b.say(officer, shorter);
    await b.tapLabel(officer, "Không, tiếp tục");
    const preview = textsOf(await b.tapLabel(officer, "Cả xã/phường"));
    expect(preview[1]).toBe(`📢 <b>Thông báo của Xã A Lưới 2</b>\n\n${shorter}`);
    await b.tapLabel(officer, "Gửi");
    const [notice] = await b.services.store.notices.latest("20044", 1);
    expect(await b.broadcasts.run(notice!)).toMatchObject({ total: 1, sent: 1, failed: 0 });
    expect(b.api.messagesTo(resident.id).at(-1)?.text).toContain("Bản rút gọn.");
  });

  it("a photo's caption is held to what a caption may carry: 1,000 characters are refused, 900 go through whole", async () => {
    const b = await bots.start();
    await officerAndResident(b);
    await b.say(officer, "/broadcast");

    expect(textsOf(await sendPhoto(b, noticeOf(1000)))).toEqual([
      expect.stringContaining("Nội dung dài 1.000 ký tự, quá giới hạn 928 ký tự"),
    ]);

    // "&" is written "&amp;" in HTML but is still one character: 900 of them fit too.
    const caption = `${noticeOf(850)} ${"&".repeat(49)}`;
    await sendPhoto(b, caption);
    await b.tapLabel(officer, "Không, tiếp tục");
    const calls = await b.tapLabel(officer, "Cả xã/phường");
    const preview = calls.find((c) => c.method === "sendPhoto");
    expect(preview?.response.ok).toBe(true);
    expect(preview?.response.result.caption).toContain(caption);
  });

  it("/notices shows three notices of 1,800 characters whole, over as many messages as needed, the switch on the last", async () => {
    const b = await bots.start();
    await officerAndResident(b);
    for (const n of [1, 2, 3]) {
      const createdAt = new Date(Date.UTC(2026, 10, n)).toISOString();
      await b.services.store.notices.add({
        id: `n${n}`,
        communeCode: "20044",
        text: noticeOf(1800, `Thông báo số ${n}. `),
        createdBy: officer.id,
        createdAt,
        status: "done",
      });
    }

    const calls = await b.say(resident, "/notices");

    const sent = calls.filter((c) => c.method === "sendMessage");
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((c) => c.response.ok)).toBe(true);
    const shown = sent.map((c) => String(c.response.result.text)).join("\n");
    for (const n of [1, 2, 3]) expect(shown).toContain(noticeOf(1800, `Thông báo số ${n}. `));
    expect(sent.at(-1)?.payload.reply_markup.inline_keyboard[0][0].text).toBe("🔕 Tắt thông báo");
    expect(shown).not.toContain("Xin lỗi");
  });
});

describe("Lists that outgrow one message are split, never refused", () => {
  const bots = botPerTest();

  it("/staff with a hundred staff members: every grant listed", async () => {
    const admin: TestUser = { id: 9001, first_name: "Quản trị", language_code: "vi" };
    const b = await bots.start({ ADMIN_IDS: `${admin.id}` });
    const grantedAt = new Date().toISOString();
    for (let n = 0; n < 100; n++)
      await b.services.store.staff.grant({
        userId: 700_000_000 + n,
        communeCode: "20044",
        grantedBy: admin.id,
        grantedAt,
      });

    const sent = (await b.say(admin, "/staff")).filter((c) => c.method === "sendMessage");

    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((c) => c.response.ok)).toBe(true);
    const shown = sent.map((c) => String(c.response.result.text)).join("\n");
    for (let n = 0; n < 100; n++) expect(shown).toContain(`${700_000_000 + n}`);
  });

  it("a dossier card with a 5,000-character note from the center's file: the whole note shown, the follow button under it", async () => {
    const b = await bots.start();
    const note = noticeOf(5000, "Lý do không tiếp nhận: ");
    await b.services.store.dossiers.applyReports([aReport({ status: "not_accepted", note })], new Date());

    const sent = (await b.say(resident, REPORTED_CODE)).filter((c) => c.method === "sendMessage");

    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((c) => c.response.ok)).toBe(true);
    expect(sent.map((c) => String(c.response.result.text)).join("")).toContain(note.slice(-200));
    expect(sent.at(-1)?.payload.reply_markup.inline_keyboard[0][0].text).toContain("Báo tôi khi có thay đổi");
  });

  it("/location: an address of 4,000 characters pasted by mistake is refused with the limit; the next one is taken and previewed", async () => {
    const b = await bots.start();
    await officerAndResident(b);
    await b.say(officer, "/location");

    expect(textsOf(await b.say(officer, noticeOf(4000)))).toEqual([
      expect.stringContaining("Bạn gõ 4.000 ký tự, quá mức 300 ký tự"),
    ]);

    await b.say(officer, "Số 2 đường Mẫu (trụ sở mới)");
    await b.say(officer, "-");
    await b.say(officer, "-");
    const preview = textsOf(await b.say(officer, "-"))[0] ?? "";
    expect(preview).toContain("Địa chỉ: Số 2 đường Mẫu (trụ sở mới)");
  });
});
