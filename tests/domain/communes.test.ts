import { beforeAll, describe, expect, it } from "vitest";
import type { CommuneDirectory } from "../../src/domain/communes/directory.ts";
import { shippedCatalog } from "../support/catalog.ts";

let communes: CommuneDirectory;
beforeAll(async () => {
  communes = (await shippedCatalog()).communes;
});
const found = (query: string) => {
  const answer = communes.resolve(query);
  return (answer.kind === "communes" ? answer.matches : []).map(
    (m) => `${m.commune.name}, ${m.commune.province}${m.oldUnit ? ` <- ${m.oldUnit.name}` : ""}`,
  );
};

describe("Finding a citizen's commune by any name it has had", () => {
  it("knows every commune of the country", () => {
    expect(communes.size).toBe(3321);
  });

  it("a current name, without tone marks", () => {
    expect(found("chieu luu")).toEqual(["Xã Chiêu Lưu, Nghệ An"]);
  });

  it("an old commune name leads to the commune that absorbed it", () => {
    expect(found("Hồng Bắc")).toEqual(["Xã A Lưới 2, Thành phố Huế <- Xã Hồng Bắc"]);
  });

  it("an ambiguous name gives every candidate, current names first", () => {
    expect(found("Bảo Thắng")).toEqual(["Xã Bảo Thắng, Lào Cai", "Xã Chiêu Lưu, Nghệ An <- Xã Bảo Thắng"]);
  });

  it("the province after the name narrows it", () => {
    expect(found("bao thang nghe an")).toEqual(["Xã Chiêu Lưu, Nghệ An <- Xã Bảo Thắng"]);
    expect(found("xã Bảo Thắng, tỉnh Lào Cai")).toEqual(["Xã Bảo Thắng, Lào Cai"]);
  });

  it("a small typo is forgiven when nothing matches exactly", () => {
    expect(found("chiu luu")).toEqual(["Xã Chiêu Lưu, Nghệ An"]);
  });

  it("nonsense finds nothing", () => {
    expect(found("")).toEqual([]);
    expect(found("zzzz qqqq")).toEqual([]);
  });

  it("the nearest centers to a shared location come first, with distances", () => {
    const nearest = communes.nearest({ lat: 16.25, lon: 107.2 }, 3);
    expect(nearest[0]?.commune.name).toBe("Xã A Lưới 2");
    expect(nearest[0]?.distanceKm).toBeLessThan(2);
    expect(nearest.map((n) => n.distanceKm)).toEqual([...nearest.map((n) => n.distanceKm)].sort((a, b) => a - b));
  });
});
