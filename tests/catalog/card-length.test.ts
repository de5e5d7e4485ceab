import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cardContext } from "../../src/bot/helpers/reply-card.ts";
import { cardKeyboard } from "../../src/bot/keyboards/card.ts";
import { procedureCard, SUMMARY_LIMIT } from "../../src/bot/views/procedure-card.ts";
import { DETAIL_VIEWS, procedureDetail } from "../../src/bot/views/procedure-details.ts";
import type { Catalog } from "../../src/domain/catalog/catalog.ts";
import type { Facet } from "../../src/domain/search/query-words.ts";
import { createI18n, type TFunction } from "../../src/i18n/index.ts";
import { checkMessageText, formatText } from "../../src/local-bot-api/formatting.ts";
import { DATA_DIR, shippedCatalog } from "../support/catalog.ts";

let catalog: Catalog;
let translate: (locale: "vi" | "en") => TFunction;
beforeAll(async () => {
  catalog = await shippedCatalog();
  translate = (await createI18n()).translator;
});

/** No commune, and every commune with its own center details and local notes (the longest addresses). */
const communes = [
  undefined,
  ...readdirSync(join(DATA_DIR, "communes")).flatMap((province) =>
    readdirSync(join(DATA_DIR, "communes", province)).map((f) => f.replace(/\.json$/, "")),
  ),
];
/** A question asked reorders the card; only "is it free?" can add a line ("no exemption recorded"). */
const focuses: (Facet | undefined)[] = [undefined, "exemption"];

/** Characters as Telegram counts them: UTF-16 units of the text once the HTML is parsed. */
const telegramLength = (html: string) => {
  const formatted = formatText(html, "HTML", undefined);
  checkMessageText(formatted);
  return formatted.text.length;
};

describe("A procedure's card on a phone", () => {
  it(`opens with at most ${SUMMARY_LIMIT} characters for every procedure, commune, question asked and language`, () => {
    const over: string[] = [];
    let longest = 0;
    for (const p of catalog.procedures.values())
      for (const locale of ["vi", "en"] as const)
        for (const commune of communes)
          for (const focus of focuses) {
            const length = telegramLength(
              procedureCard(p, cardContext(catalog, { t: translate(locale), locale }, p, commune, focus)),
            );
            longest = Math.max(longest, length);
            if (length > SUMMARY_LIMIT) over.push(`${p.code} ${locale} ${commune ?? "-"} ${focus ?? "-"}: ${length}`);
          }
    expect(over).toEqual([]);
    expect(longest).toBeGreaterThan(SUMMARY_LIMIT / 2);
  }, 60_000);

  it("says fee, time limit, where and a source on every first card, and the part asked about first", () => {
    const t = translate("vi");
    for (const p of catalog.procedures.values()) {
      const card = procedureCard(p, cardContext(catalog, { t, locale: "vi" }, p, "16855"));
      for (const part of ["💰 <b>Lệ phí:</b>", "⏱ <b>Thời hạn:</b>", "<b>Nộp ở đâu:</b>", "🔗 Nguồn:"])
        expect(card, `${p.code} ${part}`).toContain(part);
      if (!p.verified) expect(card).toContain("⚠️");
      const asked = procedureCard(p, cardContext(catalog, { t, locale: "vi" }, p, "16855", "time"));
      expect(asked.split("\n")[1], p.code).toMatch(/^⏱/);
    }
  });

  it("shows every detail within Telegram's limit, as valid HTML, with buttons Telegram accepts", () => {
    const pages: string[] = [];
    for (const p of catalog.procedures.values())
      for (const locale of ["vi", "en"] as const)
        for (const commune of [undefined, "16855"])
          for (const view of DETAIL_VIEWS) {
            const context = cardContext(catalog, { t: translate(locale), locale }, p, commune);
            const parts = procedureDetail(p, view, context);
            for (const part of parts) expect(telegramLength(part), `${p.code} ${view}`).toBeLessThanOrEqual(4096);
            pages.push(...parts);
            const keyboard = cardKeyboard(p, translate(locale), locale, {
              view,
              pages: parts.length,
              focus: "exemption",
            });
            for (const b of keyboard.inline_keyboard.flat())
              if ("callback_data" in b)
                expect(Buffer.byteLength(b.callback_data), b.callback_data).toBeLessThanOrEqual(64);
          }
    expect(pages.length).toBeGreaterThanOrEqual(catalog.procedures.size * 2 * 2 * DETAIL_VIEWS.length);
  });

  it("keeps what the summary leaves out one tap away: every case's papers, every exemption, steps, legal basis", () => {
    const t = translate("vi");
    const birth = catalog.procedure("1.001193");
    if (!birth) throw new Error("1.001193 is in data/");
    const context = cardContext(catalog, { t, locale: "vi" }, birth, "16855");
    const [papers] = procedureDetail(birth, "papers", context);
    expect(papers).toContain("Văn bản của người làm chứng xác nhận việc sinh");
    expect(papers).toContain("Trường hợp cha hoặc mẹ là người nước ngoài");
    const [legal] = procedureDetail(birth, "legal", context);
    expect(legal).toContain("120/2025/NĐ-CP");
    expect(legal).toContain("01/03/2027");
    expect(legal).not.toContain("2027-03-01");
    const [steps] = procedureDetail(birth, "steps", context);
    expect(steps).toContain("1. Nộp tờ khai");
  });
});
