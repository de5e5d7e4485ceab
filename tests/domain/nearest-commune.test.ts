import { beforeAll, describe, expect, it } from "vitest";
import type { CommuneDirectory } from "../../src/domain/communes/directory.ts";
import { distanceKm } from "../../src/domain/communes/geo.ts";
import { shippedCatalog } from "../support/catalog.ts";

let communes: CommuneDirectory;
beforeAll(async () => {
  communes = (await shippedCatalog()).communes;
});

const nearestNames = (lat: number, lon: number) => {
  const answer = communes.locate({ lat, lon }, 3);
  return answer.inside ? answer.nearest.map((n) => `${n.commune.name}, ${n.commune.province}`) : "outside";
};

describe("A shared location finds the citizen's commune anywhere in the country", () => {
  it("every one of the 3,321 communes has a headquarters on the map", () => {
    expect([...communes.all()].filter((c) => !c.center?.location)).toEqual([]);
  });

  it("a point in Lào Cai city is offered Lào Cai communes, not Hà Nội", () => {
    const names = nearestNames(22.4856, 103.9707);
    expect(names).toHaveLength(3);
    for (const name of names) expect(name).toMatch(/, Lào Cai$/);
    expect(names[0]).toBe("Phường Lào Cai, Lào Cai");
  });

  it("a point in Cầu Giấy offers Cầu Giấy first", () => {
    expect(nearestNames(21.0362, 105.7906)[0]).toBe("Phường Cầu Giấy, Thành phố Hà Nội");
  });

  it("a point in Sài Gòn offers Sài Gòn wards, nearest first, with distances", () => {
    const answer = communes.locate({ lat: 10.7769, lon: 106.7009 }, 3);
    expect(answer.inside).toBe(true);
    if (!answer.inside) return;
    expect(answer.nearest[0]?.commune.name).toBe("Phường Sài Gòn");
    const distances = answer.nearest.map((n) => n.distanceKm);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it("0,0 (the Gulf of Guinea) and Vientiane are outside Vietnam", () => {
    expect(nearestNames(0, 0)).toBe("outside");
    expect(nearestNames(17.97, 102.6)).toBe("outside");
  });

  it("the grid finds exactly what measuring every commune would", () => {
    const all = [...communes.all()];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 200; i++) {
      const point = { lat: 8.5 + random() * 15, lon: 102 + random() * 8 };
      const scanned = all
        .map((c) => ({ code: c.code, km: distanceKm(point, c.center?.location ?? point) }))
        .sort((a, b) => a.km - b.km)
        .slice(0, 3)
        .map((x) => x.code);
      expect(communes.nearest(point, 3).map((n) => n.commune.code)).toEqual(scanned);
    }
  });
});
