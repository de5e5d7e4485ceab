import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/domain/catalog/load.ts";
import type { PostedList } from "../../src/domain/catalog/schema.ts";
import { StaffChanges } from "../../src/domain/catalog/staff-changes.ts";
import type { CenterUpdate } from "../../src/domain/communes/center-update.ts";
import { DATA_DIR } from "../support/catalog.ts";

const posted = (importedAt: string, code: string): PostedList => ({
  commune: "16855",
  source: "niem-yet.csv",
  importedAt,
  procedures: [{ code }],
  uncatalogued: [],
});

/** A store as another instance left it: what staff changed. */
function storeWith(lists: PostedList[], centers: Record<string, CenterUpdate> = {}) {
  return {
    postedLists: { all: async () => lists, set: async () => undefined },
    centerUpdates: { all: async () => centers, set: async () => undefined },
  };
}

describe("What staff changed through any instance reaches this one's catalog", () => {
  it("a newer posted list and a center change are applied once each", async () => {
    const catalog = await loadCatalog(DATA_DIR);
    const centers = { "16855": { address: "Bản Phà", updatedBy: 7, updatedAt: "2026-11-30T01:00:00.000Z" } };
    const changes = new StaffChanges(catalog, storeWith([posted("2026-11-30T00:00:00.000Z", "1.000656")], centers));
    expect(await changes.refresh()).toBe(2);
    expect([...catalog.postedCodes("16855")]).toEqual(["1.000656"]);
    expect(catalog.communes.get("16855")?.center?.address).toBe("Bản Phà");
    expect(await changes.refresh()).toBe(0);
  });

  it("a list older than the one this catalog shows (imported into data/ later) is not applied", async () => {
    const catalog = await loadCatalog(DATA_DIR);
    catalog.applyPostedList(posted("2026-11-30T05:00:00.000Z", "1.001193"));
    const changes = new StaffChanges(catalog, storeWith([posted("2026-11-30T00:00:00.000Z", "1.000656")]));
    expect(await changes.refresh()).toBe(0);
    expect([...catalog.postedCodes("16855")]).toEqual(["1.001193"]);
  });
});
