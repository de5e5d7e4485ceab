import { beforeAll, describe, expect, it } from "vitest";
import { callbacks } from "../../src/bot/keyboards/callback-data.ts";
import type { Catalog } from "../../src/domain/catalog/catalog.ts";
import { sourceProblem } from "../../src/domain/catalog/sources.ts";
import { shippedCatalog } from "../support/catalog.ts";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await shippedCatalog();
});

/** The procedures the citizen-guidance issue requires, by the code the catalog gives them. */
const REQUIRED = [
  "1.001193",
  "1.000656",
  "1.000894",
  "1.004873",
  "1.001022",
  "1.004859",
  "2.000635",
  "1.004884",
  "1.004837",
  "2.001263",
  "2.000806",
  "1.003412",
  "2.002913",
  "2.000815",
  "2.000884",
  "LOCAL.CT.CONTRACT",
  "LOCAL.CT.WILL",
  "LOCAL.CT.ESTATE",
  "1.013978",
  "1.013831",
  "1.012783",
  "LOCAL.DD.PURPOSE",
  "1.012784",
  "1.012812",
  "1.013225",
  "1.001776",
  "1.001699",
  "1.001731",
  "1.011606",
  "LOCAL.BTXH.HOUSING",
  "LOCAL.NCC.HOUSING",
  "1.004222",
  "1.004194",
  "1.003677",
  "2.001159",
  "LOCAL.CA.CT07",
  "LOCAL.CA.IDCARD",
  "1.001612",
  "2.000720",
  "1.001570",
  "LOCAL.NN.DISASTER",
  "LOCAL.GD.TUITION",
];

describe("The shipped catalog", () => {
  it("holds every procedure the guidance issue lists", () => {
    expect(REQUIRED.filter((code) => !catalog.procedure(code))).toEqual([]);
  });

  it("fits every button's callback data in Telegram's 64 bytes", () => {
    const data = [
      ...[...catalog.procedures.keys()].flatMap((code) => [
        callbacks.card.pack({ code, focus: "exemption" }),
        callbacks.checklist.pack({ code }),
      ]),
      ...catalog.fields.map((f) => callbacks.field.pack({ id: f.id })),
      ...[...catalog.procedures.values()].flatMap((p) =>
        p.questions.map((q, i) =>
          callbacks.checklistAnswer.pack({ code: p.code, answers: String(q.options.length - 1).repeat(i + 1) }),
        ),
      ),
    ];
    expect(data.filter((d) => Buffer.byteLength(d, "utf8") > 64)).toEqual([]);
  });

  it("cites a public source for every procedure, and calls verified only what a read source states", () => {
    for (const p of catalog.procedures.values()) {
      expect(p.sources.length, p.code).toBeGreaterThan(0);
      expect(p.sources.map(sourceProblem).filter(Boolean), p.code).toEqual([]);
      if (p.verified)
        expect(
          p.sources.some((s) => s.verified && s.checkedAt),
          p.code,
        ).toBe(true);
    }
  });

  it("uses only obviously sample phone numbers for centers nobody has confirmed", () => {
    const centers = [...catalog.communes.all()].flatMap((c) => (c.center ? [c.center] : []));
    expect(centers.length).toBeGreaterThanOrEqual(10);
    for (const center of centers.filter((c) => !c.verified && c.phone)) expect(center.phone).toMatch(/^0000/);
  });

  it("has center details for the six communes of the source articles and at least four urban wards", () => {
    const withCenter = ["16855", "20056", "20044", "20071", "20101", "20050"];
    expect(withCenter.filter((code) => !catalog.communes.get(code)?.center?.location)).toEqual([]);
    const wards = [...catalog.communes.all()].filter((c) => c.details && c.name.startsWith("Phường"));
    expect(wards.length).toBeGreaterThanOrEqual(4);
  });

  it("marks that Decree 120/2025 expires on 1 March 2027 wherever it is cited", () => {
    const citations = [...catalog.procedures.values()].flatMap((p) =>
      p.legalBasis.filter((l) => l.ref === "120/2025/NĐ-CP"),
    );
    expect(citations.length).toBeGreaterThan(0);
    for (const c of citations) expect(c.effectiveUntil).toBe("2027-03-01");
  });
});
