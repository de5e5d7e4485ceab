import { describe, expect, it } from "vitest";
import { cardKeyboard } from "../../src/bot/keyboards/card.ts";
import { shareCard } from "../../src/bot/views/share-card.ts";
import { createI18n } from "../../src/i18n/index.ts";
import { checkMessageText, formatText } from "../../src/local-bot-api/formatting.ts";
import { shippedCatalog } from "../support/catalog.ts";

describe("A procedure shared into any chat", () => {
  it("is a short card Telegram accepts (valid HTML, within 4,096 characters) for every procedure, in both languages", async () => {
    const catalog = await shippedCatalog();
    const i18n = await createI18n("vi");
    for (const locale of ["vi", "en"] as const) {
      for (const procedure of catalog.procedures.values()) {
        const card = shareCard(procedure, i18n.translator(locale), locale);
        expect(
          () => checkMessageText(formatText(card, "HTML", undefined)),
          `${procedure.code} ${locale}`,
        ).not.toThrow();
        expect(card).toContain("💰");
      }
    }
  });

  it("can be shared again from under a card: the share button searches the procedure's name inline", async () => {
    const catalog = await shippedCatalog();
    const i18n = await createI18n("vi");
    const birth = catalog.procedure("1.001193");
    if (!birth) throw new Error("1.001193 is in data/");
    const buttons = cardKeyboard(birth, i18n.translator("vi"), "vi", { view: "summary" }).inline_keyboard.flat();
    expect(buttons).toContainEqual({ text: "📤 Gửi cho người thân", switch_inline_query: "Đăng ký khai sinh" });
  });
});
