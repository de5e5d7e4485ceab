import { describe, expect, it } from "vitest";
import { noticeLimit, noticeText } from "../../src/bot/views/notice.ts";
import { LOCALES } from "../../src/domain/locale.ts";
import { createI18n } from "../../src/i18n/index.ts";
import { checkCaption, checkMessageText, formatText } from "../../src/local-bot-api/formatting.ts";
import { shippedCatalog } from "../support/catalog.ts";

describe("The longest notice staff may write", () => {
  it("fits Telegram's limits under the header of the commune with the longest name, in both languages, as text and as a caption", async () => {
    const i18n = await createI18n();
    const communes = [...(await shippedCatalog()).communes.all()];
    expect(communes.length).toBeGreaterThan(10);
    // Only the header changes from one commune to the next: the longest name is the worst case.
    const commune = communes.reduce((a, b) => (b.name.length > a.name.length ? b : a));
    // "&" is the worst case for the text as sent (5 characters as &amp;), not as Telegram counts it.
    const longest = (withPhoto: boolean) => ({ text: "&".repeat(noticeLimit(withPhoto)) });

    for (const locale of LOCALES) {
      const t = i18n.translator(locale);
      expect(() =>
        checkMessageText(formatText(noticeText(longest(false), commune, t, false), "HTML", undefined)),
      ).not.toThrow();
      const caption = noticeText(longest(true), commune, t, true);
      expect(() => checkCaption(formatText(caption, "HTML", undefined))).not.toThrow();
      expect(caption.endsWith("&amp;")).toBe(true); // whole, not cut short
    }
  });
});
