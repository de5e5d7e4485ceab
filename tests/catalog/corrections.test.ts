import { beforeAll, describe, expect, it } from "vitest";
import type { Catalog } from "../../src/domain/catalog/catalog.ts";
import type { Procedure, SourceRef } from "../../src/domain/catalog/schema.ts";
import { buildChecklist } from "../../src/domain/checklist/build.ts";
import { shippedCatalog } from "../support/catalog.ts";

/**
 * The errors an outside check found on the most used cards (issue 14), each pinned to the
 * corrected fact and to the public source it now cites.
 */
let catalog: Catalog;
beforeAll(async () => {
  catalog = await shippedCatalog();
});
const get = (code: string) => catalog.procedure(code) as Procedure;
const refs = (sources: (SourceRef | undefined)[]) => sources.flatMap((s) => (s ? [s.ref] : []));
const docNames = (p: Procedure) => p.documentGroups.flatMap((g) => g.documents.map((d) => d.name.vi)).join("\n");

describe("Corrected facts, each with its source", () => {
  it("the Law on Civil Status has no end date; only Decree 120/2025 expires on 1 March 2027", () => {
    const cited = [...catalog.procedures.values()].flatMap((p) => p.legalBasis);
    const law = cited.filter((l) => l.ref === "60/2014/QH13");
    expect(law.length).toBeGreaterThan(10);
    expect(law.filter((l) => l.effectiveUntil)).toEqual([]);
    expect(cited.filter((l) => l.ref === "120/2025/NĐ-CP").every((l) => l.effectiveUntil === "2027-03-01")).toBe(true);
  });

  it("marriage asks for no single-status certificate or divorce papers: the registry looks them up (portal record)", () => {
    const marriage = get("1.000894");
    expect(docNames(marriage)).not.toMatch(/tình trạng hôn nhân|ly hôn, hoặc|bản án/);
    const ids = marriage.documentGroups[0]?.documents.find((d) => d.id === "ids");
    expect(ids?.note?.vi).toMatch(/tự tra tình trạng hôn nhân/);
    expect(ids?.source?.url).toMatch(/^https:\/\/dichvucong\.gov\.vn\/thu-tuc-hanh-chinh\//);
    expect(ids?.source?.verified).toBe(true);
    expect(docNames(get("2.000806"))).not.toMatch(/Giấy xác nhận tình trạng hôn nhân của bên Việt Nam/);
  });

  it("the building permit says which houses need none, lists the drawings and cites the Construction Law and Decrees 175/2024 and 140/2025", () => {
    const permit = get("1.013225");
    expect(permit.summary.vi).toMatch(/^Không cần giấy phép: nhà ở riêng lẻ dưới 7 tầng ở nông thôn/);
    expect(refs(permit.sources)).toContain("Luật Xây dựng 2014 (sửa đổi 2020), Điều 89");
    const drawings = permit.documentGroups.flatMap((g) => g.documents).find((d) => d.id === "drawings");
    expect(drawings?.name.vi).toMatch(/mặt bằng và mặt cắt móng/);
    expect(drawings?.source?.ref).toBe("Luật Xây dựng 2014 (sửa đổi 2020), Điều 95");
    expect(permit.legalBasis.map((l) => l.ref)).toEqual(
      expect.arrayContaining(["50/2014/QH13", "175/2024/NĐ-CP", "140/2025/NĐ-CP"]),
    );
  });

  it("exchange and split/merge of land certificates are decided by the land registration office; the center only receives", () => {
    for (const code of ["1.012783", "1.012784"]) {
      const land = get(code);
      expect(land.decidedBy.vi, code).toMatch(/^Chi nhánh Văn phòng đăng ký đất đai/);
      expect(land.receivedBy.vi, code).toMatch(/Trung tâm Phục vụ hành chính công/);
      expect(land.sources[0]?.verified, code).toBe(true);
    }
    expect(get("1.012784").channels[0]?.timeLimit.vi).toMatch(/^22 ngày làm việc khi nộp trực tiếp/);
  });

  it("the combined birth filing gives 3 working days (5 with verification) and keeps home births on the online path", () => {
    const combined = get("1.003412");
    const online = combined.channels.find((c) => c.kind === "online");
    expect(online?.timeLimit.vi).toMatch(/^3 ngày làm việc; 5 ngày làm việc nếu phải xác minh/);
    expect(online?.source?.ref).toBe("Nghị định 63/2024/NĐ-CP, Điều 5");
    const notice = combined.documentGroups[0]?.documents.find((d) => d.id === "birth_notice");
    expect(notice?.note?.vi).toMatch(/sinh ở nhà .* vẫn nộp trực tuyến được/);
    expect(notice?.note?.vi).not.toMatch(/hỏi xã về đăng ký khai sinh thông thường/);
  });

  it("the monthly social allowance gives 10 working days and can be filed by post or online", () => {
    const allowance = get("1.001776");
    expect(allowance.channels.map((c) => c.kind).sort()).toEqual(["in_person", "online", "post"]);
    expect(allowance.channels.every((c) => c.timeLimit.vi.startsWith("10 ngày làm việc"))).toBe(true);
    expect(refs(allowance.sources)).toContain("Nghị định 20/2021/NĐ-CP, Điều 8");
  });

  it("marital-status certificate, death registration and household business can be filed online", () => {
    for (const code of ["1.004873", "1.000656", "1.001612"]) {
      expect(get(code).channels.find((c) => c.kind === "online")?.url, code).toMatch(
        /^https:\/\/dichvucong\.gov\.vn\//,
      );
    }
  });

  it("residence registration states who pays no fee, with Circular 75/2022 art. 4 as source, and the police decide", () => {
    const residence = get("1.004222");
    const checklist = buildChecklist(residence, {});
    expect(checklist.feeExemptions.map((e) => e.vi).join(" ")).toMatch(/xã biên giới.*|dân tộc thiểu số/);
    expect(residence.feeExemptions[0]?.source?.ref).toBe(
      "Thông tư 75/2022/TT-BTC (sửa đổi bởi Thông tư 71/2025/TT-BTC), Điều 4",
    );
    expect(residence.decidedBy.vi).toBe("Công an xã/phường");
    expect(residence.receivedBy.vi).toMatch(/VNeID/);
  });
});
