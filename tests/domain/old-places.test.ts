import { beforeAll, describe, expect, it } from "vitest";
import type { CommuneDirectory } from "../../src/domain/communes/directory.ts";
import type { PlaceAnswer } from "../../src/domain/communes/place-resolver.ts";
import { shippedCatalog } from "../support/catalog.ts";

let communes: CommuneDirectory;
beforeAll(async () => {
  communes = (await shippedCatalog()).communes;
});

/** What a citizen reads back, in short: the communes offered, or the district's communes. */
function read(answer: PlaceAnswer): string[] {
  switch (answer.kind) {
    case "communes":
      return answer.matches.map(
        (m) => `${m.commune.name}${m.oldUnit ? ` <- ${m.oldUnit.name}, ${m.oldUnit.district}` : ""}`,
      );
    case "district":
      return answer.communes.map((c) => c.name);
    case "province":
      return [`province: ${answer.provinces.join(", ")}`];
    default:
      return [];
  }
}
const resolved = (typed: string) => read(communes.resolve(typed));

describe("Old names as people write them", () => {
  it.each(["phường 1 quận 3", "P1 Q3", "phuong 1 q3", "p.1 quận 3", "Phường 1, Quận 3, TP HCM"])(
    "a numbered ward with its old district, %j, offers Bàn Cờ",
    (typed) => {
      expect(resolved(typed)).toEqual(["Phường Bàn Cờ <- Phường 1, Quận 3"]);
    },
  );

  it("other districts' numbered wards, by name or in Saigon's short forms", () => {
    expect(resolved("phuong 12 go vap")).toEqual(["Phường An Hội Tây <- Phường 12, Quận Gò Vấp"]);
    expect(resolved("phường 7 quận Phú Nhuận")).toEqual(["Phường Cầu Kiệu <- Phường 7, Quận Phú Nhuận"]);
    expect(resolved("F7 Phú Nhuận")).toEqual(["Phường Cầu Kiệu <- Phường 7, Quận Phú Nhuận"]);
  });

  it("a former town (thị trấn) leads to the commune that absorbed it", () => {
    expect(resolved("thị trấn Phố Lu")).toEqual(["Xã Bảo Thắng <- Thị trấn Phố Lu, Huyện Bảo Thắng"]);
  });

  it("an abolished district lists the communes formed from it: huyện Kỳ Sơn, Chiêu Lưu among them", () => {
    const answer = communes.resolve("huyện Kỳ Sơn");
    expect(answer.kind).toBe("district");
    if (answer.kind !== "district") return;
    expect(answer.districts.map((d) => `${d.name}, ${d.province}`)).toEqual(["Huyện Kỳ Sơn, Tỉnh Nghệ An"]);
    expect(read(answer)).toContain("Xã Chiêu Lưu");
    expect(read(answer)).toHaveLength(12);
  });

  it("a district's kind word makes it the district even where a ward has its name today", () => {
    expect(communes.resolve("quận Hoàn Kiếm").kind).toBe("district");
    expect(resolved("Hoàn Kiếm")).toEqual(["Phường Hoàn Kiếm"]);
    expect(resolved("tx Huong Tra")).toEqual(["Phường Hương Trà", "Phường Kim Trà", "Xã Bình Điền"]);
  });

  it("a merged old province is narrowed to today's province", () => {
    expect(resolved("tỉnh Hà Giang")).toEqual(["province: Tuyên Quang"]);
    expect(resolved("Bạch Ngọc tỉnh Hà Giang")).toEqual(["Xã Bạch Ngọc"]);
  });

  it("tone marks typed choose between names that differ only by them", () => {
    expect(resolved("Thuận Hóa")).toEqual(["Phường Thuận Hóa", "Xã Đồng Lê <- Xã Thuận Hóa, Huyện Tuyên Hóa"]);
  });

  it("a ward named like its province is the ward", () => {
    expect(resolved("Lào Cai")).toEqual(["Phường Lào Cai"]);
  });

  it("a procedure question is no place", () => {
    expect(communes.resolve("làm lại căn cước bị mất").kind).toBe("none");
  });
});

describe("Abbreviations never hide a current name", () => {
  it("Sài Gòn is today's ward, not Ho Chi Minh City", () => {
    expect(resolved("Sài Gòn")).toEqual(["Phường Sài Gòn"]);
  });
});
