import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/domain/catalog/load.ts";
import { DATA_DIR } from "../support/catalog.ts";

describe("Which center a citizen is shown: staff's change, then hand-written data, then the national directory", () => {
  it("a hand-written center wins over the directory's People's Committee address", async () => {
    const catalog = await loadCatalog(DATA_DIR);
    const chieuLuu = catalog.communes.get("16855")?.center;
    expect(chieuLuu?.name.vi).toContain("Trung tâm Phục vụ hành chính công");
    expect(chieuLuu?.headquarters).toBeUndefined();
    const phongHai = catalog.communes.get("02902")?.center;
    expect(phongHai).toMatchObject({ name: { vi: "Trụ sở UBND Xã Phong Hải" }, headquarters: true, verified: false });
    expect(phongHai?.source).toContain("data as of 2025-07");
  });

  it("staff moving a directory-only center name the center itself, and the new pin is found by location at once", async () => {
    const catalog = await loadCatalog(DATA_DIR);
    const moved = { lat: 22.55, lon: 104.05 };
    expect(catalog.communes.nearest(moved, 1)[0]?.commune.code).not.toBe("02902");
    catalog.applyCenterChange("02902", {
      address: "Số 9 đường Mẫu",
      location: moved,
      updatedAt: "2026-12-01T08:00:00.000Z",
    });
    const center = catalog.communes.get("02902")?.center;
    expect(center).toMatchObject({
      name: { vi: "Trung tâm Phục vụ hành chính công Xã Phong Hải" },
      address: "Số 9 đường Mẫu",
      verified: true,
    });
    expect(center?.headquarters).toBeUndefined();
    expect(catalog.communes.nearest(moved, 1)[0]).toMatchObject({ commune: { code: "02902" }, distanceKm: 0 });
  });
});
