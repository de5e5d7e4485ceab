import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type BotHarness, botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";

/**
 * A citizen from a mountain commune that was merged in 2025 finds out, in chat, which papers
 * birth registration needs for their case and where to hand them in.
 */
describe("A citizen finds the papers for birth registration", () => {
  const { start, restart } = botPerTest();

  it("in Vietnamese: from 'xin chào' and the old commune 'bao thang' to a checklist and a venue pin", async () => {
    const bot = await start();
    const lan: TestUser = { id: 501, first_name: "Lan", language_code: "vi" };

    const hello = await bot.say(lan, "xin chào");
    expect(textsOf(hello)[0]).toContain("Xin chào Lan");
    const ask = hello.find((c) => c.method === "sendMessage" && c.payload.reply_markup?.keyboard);
    expect(ask?.payload.reply_markup.keyboard[0][0]).toMatchObject({ request_location: true });

    // "Bảo Thắng" is a current commune in Lào Cai and an old one now in Chiêu Lưu, Nghệ An.
    const which = await bot.say(lan, "bao thang");
    const labels =
      bot.api
        .lastKeyboard(lan.id)
        ?.buttons.flat()
        .map((b) => b.text) ?? [];
    expect(textsOf(which)[0]).toContain("Có mấy nơi");
    expect(labels).toEqual(["Xã Bảo Thắng, Lào Cai", "Xã Bảo Thắng cũ (Huyện Kỳ Sơn) → nay là Xã Chiêu Lưu, Nghệ An"]);

    const saved = textsOf(await bot.tapLabel(lan, "Chiêu Lưu"));
    expect(saved[0]).toContain("<b>Xã Bảo Thắng</b> cũ (Huyện Kỳ Sơn) nay thuộc <b>Xã Chiêu Lưu</b>, Nghệ An.");

    const found = await bot.say(lan, "lam giay khai sinh cho con");
    expect(textsOf(found)[0]).toContain("lam giay khai sinh cho con");
    const first = bot.api.lastKeyboard(lan.id)?.buttons[0]?.[0];
    expect(first).toMatchObject({ text: "Đăng ký khai sinh", data: "p:1.001193" });

    const card = textsOf(await bot.tapLabel(lan, "Đăng ký khai sinh")).join("\n");
    expect(card).toContain("Giấy chứng sinh");
    expect(card).toContain("Trung tâm Phục vụ hành chính công xã Chiêu Lưu");
    expect(card).toContain("Miễn phí nếu đăng ký trong 60 ngày");

    await bot.tapLabel(lan, "Lập danh sách giấy tờ");
    await bot.tapLabel(lan, "Không, sinh ở nhà");
    await bot.tapLabel(lan, "Không");
    const done = await bot.tapLabel(lan, "Chưa, trong 60 ngày");

    const checklist = textsOf(done).find((t) => t.startsWith("📋")) ?? "";
    expect(checklist).toContain("☐ Văn bản của người làm chứng xác nhận việc sinh — 1 bản chính");
    expect(checklist).not.toContain("Giấy chứng sinh do cơ sở y tế cấp");
    expect(checklist).toContain("phòng khi không tra được");
    expect(checklist).toContain("Giấy chứng nhận kết hôn của cha mẹ");
    expect(checklist).toContain("Miễn phí nếu đăng ký trong 60 ngày");
    const venue = done.find((c) => c.method === "sendVenue");
    expect(venue?.payload).toMatchObject({
      chat_id: lan.id,
      latitude: expect.closeTo(19.35, 1),
      longitude: expect.closeTo(104.29, 1),
    });
  });

  it("in English: an old commune name without tone marks, then an English query", async () => {
    const bot = await start();
    const john: TestUser = { id: 502, first_name: "John", language_code: "en" };

    expect(textsOf(await bot.say(john, "hello"))[0]).toContain("Hello John");
    const saved = textsOf(await bot.say(john, "hong bac"));
    expect(saved[0]).toContain(
      "The former <b>Xã Hồng Bắc</b> (Huyện A Lưới) now belongs to <b>Xã A Lưới 2</b>, Thành phố Huế.",
    );

    // One procedure is clearly ahead: its card comes at once, no list to pick from.
    expect(textsOf(await bot.say(john, "birth certificate for my baby"))[0]).toContain("<b>Birth registration</b>");
    await bot.tapLabel(john, "Make my checklist");
    await bot.tapLabel(john, "Yes");
    await bot.tapLabel(john, "No");
    const done = await bot.tapLabel(john, "Yes, more than 60 days");

    const checklist = textsOf(done).find((t) => t.startsWith("📋")) ?? "";
    expect(checklist).toContain("Your checklist — Birth registration");
    expect(checklist).toContain("☐ Birth notice issued by the medical facility — 1 original");
    expect(checklist).not.toContain("Free if registered within 60 days");
    expect(done.some((c) => c.method === "sendVenue")).toBe(true);
  });

  it("remembers the commune across a restart, and /center shows the venue and the old communes", async () => {
    const first = await start();
    const user: TestUser = { id: 503, first_name: "Hoa", language_code: "vi" };
    await chooseCommune(first, user, "Chiêu Lưu");
    const again = await restart(first);
    const center = await again.say(user, "/center");
    expect(center.find((c) => c.method === "sendVenue")?.payload.title).toBe(
      "Trung tâm Phục vụ hành chính công xã Chiêu Lưu",
    );
    expect(textsOf(center).join("\n")).toContain("Xã Bảo Thắng");
  });

  it("a checklist in progress survives a restart and continues at the next question", async () => {
    const first = await start();
    const user: TestUser = { id: 504, first_name: "Minh", language_code: "vi" };
    await chooseCommune(first, user, "A Lưới 3");
    await openChecklist(first, user, "khai sinh", "Đăng ký khai sinh");
    await first.tapLabel(user, "Có");
    const again = await restart(first);
    await again.tapLabel(user, "Không");
    const done = await again.tapLabel(user, "Chưa, trong 60 ngày");
    expect(textsOf(done).find((t) => t.startsWith("📋"))).toContain("Giấy chứng sinh do cơ sở y tế cấp");
  });

  it("/cancel leaves a dialogue, and a new command during one leaves it cleanly", async () => {
    const bot = await start();
    const user: TestUser = { id: 505, first_name: "Tú", language_code: "vi" };
    await chooseCommune(bot, user, "A Lưới 1");
    await bot.say(user, "/commune");
    expect(textsOf(await bot.say(user, "/cancel"))[0]).toContain("Đã hủy");

    await bot.say(user, "/commune");
    const help = textsOf(await bot.say(user, "/help"));
    expect(help[0]).toContain("Tôi giúp được gì?");
    // The question was left: a typed search is a search again, not a commune's name.
    expect(textsOf(await bot.say(user, "ket hon"))[0]).toContain("<b>Đăng ký kết hôn</b>");
  });

  it("a checklist holds nothing: a search and a command between its questions just work, and its buttons still answer", async () => {
    const bot = await start();
    const user: TestUser = { id: 506, first_name: "Lan", language_code: "vi" };
    await chooseCommune(bot, user, "A Lưới 1");
    await openChecklist(bot, user, "khai sinh", "Đăng ký khai sinh");
    await bot.tapLabel(user, "Có");
    const question = bot.api.lastKeyboard(user.id);
    const no = question?.buttons.flat().find((b) => b.text.includes("Không"));

    expect(textsOf(await bot.say(user, "/help"))[0]).toContain("Tôi giúp được gì?");
    expect(textsOf(await bot.say(user, "ket hon"))[0]).toContain("<b>Đăng ký kết hôn</b>");
    const next = await bot.tap(user, question?.messageId ?? 0, no?.data ?? "");
    expect(textsOf(next).at(-1)).toContain("Câu 3/3");
    expect(next.filter((c) => c.method === "editMessageText").map((c) => c.payload.message_id)).toEqual([
      question?.messageId,
    ]);
  });

  it("an off-topic question gets a kind answer and is recorded for the center's staff", async () => {
    const bot = await start();
    const user: TestUser = { id: 506, first_name: "Nam", language_code: "vi" };
    await chooseCommune(bot, user, "Chiêu Lưu");
    const answer = await bot.say(user, "mua vé tàu đi Hà Nội");
    expect(textsOf(answer)[0]).toContain("chưa tìm thấy thủ tục nào");
    const buttons =
      bot.api
        .lastKeyboard(user.id)
        ?.buttons.flat()
        .map((b) => b.data) ?? [];
    expect(buttons.slice(-2)).toEqual(["f:", "ac"]);

    const files = await readdir(join(bot.stateDir, "events"));
    const lines = (await Promise.all(files.map((f) => readFile(join(bot.stateDir, "events", f), "utf8")))).join("");
    expect(lines).toContain('"query":"mua vé tàu đi Hà Nội"');
    expect(lines).toContain('"communeCode":"16855"');
  });
});

/** /start, then the commune's name (one match). */
async function chooseCommune(bot: BotHarness, user: TestUser, name: string) {
  await bot.say(user, "/start");
  await bot.say(user, name);
}

/** Searches, opens the procedure's card (from the list, or at once when it leads) and starts its checklist. */
async function openChecklist(
  bot: BotHarness,
  user: TestUser,
  query: string,
  procedure: string,
  shown: "list" | "card at once" = "list",
) {
  const answer = textsOf(await bot.say(user, query));
  if (shown === "list") await bot.tapLabel(user, procedure);
  else expect(answer[0]).toContain(`<b>${procedure}</b>`);
  await bot.tapLabel(user, "Lập danh sách giấy tờ");
}
