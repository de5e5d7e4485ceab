import { describe, expect, it } from "vitest";
import { botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";

describe("A citizen browses, shares a location and switches language", () => {
  const { start } = botPerTest();

  it("sharing a location offers the nearest communes, without claiming another center accepts the dossier", async () => {
    const b = await start();
    const user: TestUser = { id: 601, first_name: "Hà", language_code: "vi" };
    await b.say(user, "/start");
    const nearest = await b.shareLocation(user, 16.25, 107.2);
    expect(textsOf(nearest)[0]).toContain("gần vị trí của bạn nhất");
    expect(textsOf(nearest)[0]).not.toContain("bất kỳ trung tâm nào");
    const first = b.api.lastKeyboard(user.id)?.buttons[0]?.[0];
    expect(first?.text).toMatch(/^Xã A Lưới 2, Thành phố Huế — \d+\.\d km$/);
    const saved = textsOf(await b.tapLabel(user, "Xã A Lưới 2"));
    expect(saved[0]).toContain("Đã ghi nhớ: <b>Xã A Lưới 2</b>");
  });

  it("/fields lists the fields, then the procedures of one field, then a card", async () => {
    const b = await start();
    const user: TestUser = { id: 602, first_name: "Lâm", language_code: "vi" };
    await b.say(user, "/fields");
    const fields = b.api
      .lastKeyboard(user.id)
      ?.buttons.flat()
      .map((x) => x.text);
    expect(fields).toEqual(expect.arrayContaining(["Hộ tịch", "Chứng thực", "Đất đai", "Cư trú"]));
    const inField = await b.tapLabel(user, "Chứng thực");
    expect(textsOf(inField)[0]).toContain("<b>Chứng thực</b>");
    const procedures = b.api
      .lastKeyboard(user.id)
      ?.buttons.flat()
      .map((x) => x.data);
    expect(procedures).toEqual(expect.arrayContaining(["p:2.000815", "p:LOCAL.CT.WILL"]));
    const card = textsOf(await b.tapLabel(user, "Chứng thực di chúc")).join("\n");
    expect(card).toContain("<b>Chứng thực di chúc</b>");
    // No commune chosen yet: the card says where to go in general and how to choose one.
    expect(card).toContain("/commune");
  });

  it("/lang switches to English and the choice outlives Telegram's language", async () => {
    const b = await start();
    const user: TestUser = { id: 603, first_name: "Mai", language_code: "vi" };
    await b.say(user, "/lang");
    const switched = await b.tapLabel(user, "English");
    expect(textsOf(switched)[0]).toBe("Switched to English.");
    expect(textsOf(await b.say(user, "/help"))[0]).toContain("What can I do?");
  });

  it("tapping the same button twice is harmless, and an unknown button gets a polite answer", async () => {
    const b = await start();
    const user: TestUser = { id: 604, first_name: "Sơn", language_code: "vi" };
    await b.say(user, "/start");
    await b.say(user, "bao thang");
    const keyboard = b.api.lastKeyboard(user.id);
    const chieuLuu = keyboard?.buttons.flat().find((x) => x.text.includes("Chiêu Lưu"));
    const once = textsOf(await b.tap(user, keyboard?.messageId ?? 0, chieuLuu?.data ?? ""));
    const twice = textsOf(await b.tap(user, keyboard?.messageId ?? 0, chieuLuu?.data ?? ""));
    expect(twice).toEqual(once);
    expect((await b.services.store.users.get(user.id))?.communeCode).toBe("16855");

    const forged = await b.pushCallback(user, "p:9.999999");
    expect(forged.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe(
      "Nút này đã cũ. Bạn gõ lại yêu cầu nhé.",
    );
    expect(textsOf(forged)).toEqual([]);
  });

  it("a sticker gets a polite hint to type instead", async () => {
    const b = await start();
    const user: TestUser = { id: 605, first_name: "Ly", language_code: "en" };
    const calls = await b.push({
      message: {
        message_id: 1,
        date: 0,
        chat: { id: user.id, type: "private", first_name: "Ly" },
        from: { id: user.id, is_bot: false, first_name: "Ly", language_code: "en" },
        sticker: {
          file_id: "x",
          file_unique_id: "x",
          type: "regular",
          width: 1,
          height: 1,
          is_animated: false,
          is_video: false,
        },
      },
    });
    expect(textsOf(calls)[0]).toBe('I can only read text messages. Type what you need, e.g. "marriage registration".');
  });
});
