import { describe, expect, it } from "vitest";
import { procedureCard } from "../../src/bot/views/procedure-card.ts";
import { createI18n } from "../../src/i18n/index.ts";
import { shippedCatalog } from "../support/catalog.ts";

/** Residence, ID cards, vehicles: handed in at the commune police, whose station is not the center. */
describe("A procedure of the commune police", () => {
  it("sends the citizen to the commune police, not to the service center's address", async () => {
    const catalog = await shippedCatalog();
    const t = (await createI18n("vi")).translator("vi");
    const commune = catalog.communes.get("16855");
    const residence = catalog.procedure("1.004194");
    const birth = catalog.procedure("1.001193");
    if (!commune?.center || !residence || !birth) throw new Error("Chiêu Lưu, 1.004194 and 1.001193 are in data/");
    const card = procedureCard(residence, { t, locale: "vi", commune });
    expect(card).toContain("<b>Nộp ở đâu:</b> trụ sở Công an Xã Chiêu Lưu");
    expect(card).not.toContain(commune.center.address);
    // A procedure of the People's Committee still ends with the center and its address.
    expect(procedureCard(birth, { t, locale: "vi", commune })).toContain(commune.center.address);
  });

  it("is every procedure whose file the commune police receive", async () => {
    const catalog = await shippedCatalog();
    for (const p of catalog.procedures.values()) {
      expect(p.filedAt === "commune_police", p.code).toBe(p.receivedBy.vi.startsWith("Công an"));
    }
  });
});
