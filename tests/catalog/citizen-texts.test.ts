import { beforeAll, describe, expect, it } from "vitest";
import { checklistMessage } from "../../src/bot/views/checklist.ts";
import { procedureCard } from "../../src/bot/views/procedure-card.ts";
import { DETAIL_VIEWS, procedureDetail } from "../../src/bot/views/procedure-details.ts";
import type { Catalog } from "../../src/domain/catalog/catalog.ts";
import type { Procedure } from "../../src/domain/catalog/schema.ts";
import { buildChecklist } from "../../src/domain/checklist/build.ts";
import type { TFunction } from "../../src/i18n/index.ts";
import { createI18n } from "../../src/i18n/index.ts";
import { shippedCatalog } from "../support/catalog.ts";

let catalog: Catalog;
let translate: (locale: "vi" | "en") => TFunction;
beforeAll(async () => {
  catalog = await shippedCatalog();
  translate = (await createI18n()).translator;
});

/** Every answer combination's first option: enough to render each procedure's checklist once. */
const firstAnswers = (p: Procedure) => Object.fromEntries(p.questions.map((q) => [q.id, q.options[0]?.id ?? ""]));
const INTERNAL = /LOCAL\.|ghi chú tham khảo|cần kiểm tra|domain notes|\[M\]|\[L\]|\b\d{4}-\d{2}-\d{2}\b/i;

describe("What citizens read", () => {
  it("shows no internal code, editors' note or ISO date on any card, detail or checklist, in either language", () => {
    const leaks: string[] = [];
    for (const p of catalog.procedures.values()) {
      for (const locale of ["vi", "en"] as const) {
        const t = translate(locale);
        const texts = [
          procedureCard(p, { t, locale }),
          ...DETAIL_VIEWS.flatMap((view) => procedureDetail(p, view, { t, locale })),
          checklistMessage(buildChecklist(p, firstAnswers(p)), firstAnswers(p), { t, locale }),
        ];
        if (texts.some((text) => INTERNAL.test(text))) leaks.push(`${p.code} (${locale})`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("says on the card who receives the file and who decides: the commune police for residence", () => {
    const t = translate("vi");
    const [card] = procedureDetail(catalog.procedure("1.004194") as Procedure, "steps", { t, locale: "vi" });
    expect(card).toContain("Nộp hồ sơ tại:</b> Công an xã/phường; hoặc trực tuyến qua ứng dụng VNeID");
    expect(card).toContain("Cơ quan giải quyết:</b> Công an xã/phường");
  });

  it("links the official portal page as the card's source", () => {
    const t = translate("vi");
    const card = procedureCard(catalog.procedure("1.012784") as Procedure, { t, locale: "vi" });
    expect(card).toContain(
      'Nguồn: <a href="https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfa-6f5d-72e6-9a68-ab8e3ba11c8b">',
    );
  });
});
