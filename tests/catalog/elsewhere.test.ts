import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Catalog } from "../../src/domain/catalog/catalog.ts";
import { CatalogError } from "../../src/domain/catalog/errors.ts";
import { loadElsewhere } from "../../src/domain/elsewhere/load.ts";
import type { ElsewhereItem } from "../../src/domain/elsewhere/schema.ts";
import { type ElsewhereView, elsewhereView } from "../../src/domain/elsewhere/view.ts";
import { shippedCatalog } from "../support/catalog.ts";

/** The ids the evaluation set labels done-elsewhere queries with ("elsewhere:<id>"). */
const FIXED_IDS = readFileSync(new URL("../fixtures/elsewhere-ids.txt", import.meta.url), "utf8")
  .split("\n")
  .map((line) => line.replace(/#.*/, "").trim())
  .filter((line) => line !== "");

/** Characters of an answer's own texts; the words the bot puts around them add a few hundred. */
function textLength(view: ElsewhereView): number {
  const texts = [
    view.name,
    view.agency,
    view.where,
    view.communePart ?? "",
    ...view.online.flatMap((o) => [o.label, o.url ?? ""]),
    ...view.prepare,
    ...view.sources.flatMap((s) => [s.ref, s.url ?? ""]),
  ];
  return texts.reduce((sum, t) => sum + t.length, 0);
}

let catalog: Catalog;
beforeAll(async () => {
  catalog = await shippedCatalog();
});

describe("The shipped list of procedures done elsewhere", () => {
  it("has an entry for every id the evaluation set may label, each id once", () => {
    const ids = catalog.elsewhere.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(FIXED_IDS.filter((id) => !ids.includes(id))).toEqual([]);
    expect(FIXED_IDS.length).toBeGreaterThanOrEqual(40);
  });

  it("rests every entry on a source, and marks as verified only entries with the day they were checked", () => {
    for (const item of catalog.elsewhere) {
      expect(item.sources.length, item.id).toBeGreaterThan(0);
      if (item.verified) expect(item.checkedAt, item.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("links only to https addresses", () => {
    const urls = catalog.elsewhere.flatMap((e) => [...e.online.map((o) => o.url), ...e.sources.map((s) => s.url)]);
    for (const url of urls.filter((u) => u !== undefined)) expect(url).toMatch(/^https:\/\//);
  });

  it("keeps every answer well under a Telegram message in both languages", () => {
    for (const item of catalog.elsewhere) {
      for (const lang of ["vi", "en"] as const) {
        expect(textLength(elsewhereView(item, lang)), `${item.id} ${lang}`).toBeLessThan(2_500);
      }
    }
  });

  it("gives each entry words people ask with, in both languages", () => {
    for (const item of catalog.elsewhere) {
      expect(item.aliases.vi.length, item.id).toBeGreaterThanOrEqual(3);
      expect(item.aliases.en.length, item.id).toBeGreaterThanOrEqual(2);
    }
  });

  it("is loaded with the catalog, so a citizen asking for a passport can be sent to the immigration office", () => {
    const passport = catalog.elsewhereItem("passport");
    expect(passport?.agency.vi).toMatch(/xuất nhập cảnh/);
    expect(passport?.online.map((o) => o.url)).toContain("https://dichvucong.bocongan.gov.vn/");
    expect(catalog.elsewhereItem("no_such_item")).toBeUndefined();
  });
});

describe("An answer about a procedure done elsewhere", () => {
  it("shows the texts of one language and says what the commune police do for a driving licence", () => {
    const view = elsewhereView(catalog.elsewhereItem("driving_licence_exchange") as ElsewhereItem, "en");
    expect(view.name).toBe("Exchanging a driving licence");
    expect(view.communePart).toMatch(/commune police/);
    expect(view.sources[0]?.ref).toMatch(/12\/2025\/TT-BCA/);
  });

  it("has no commune part when the commune plays none", () => {
    const view = elsewhereView(catalog.elsewhereItem("passport") as ElsewhereItem, "vi");
    expect(view).not.toHaveProperty("communePart");
    expect(view.prepare.length).toBeGreaterThan(0);
  });
});

describe("A broken elsewhere file stops start-up with the file, the entry and the field", () => {
  let dir: string;
  let valid: ElsewhereItem;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "motcua-elsewhere-"));
    valid = structuredClone(catalog.elsewhereItem("passport") as ElsewhereItem);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function loadError(entries: unknown): Promise<CatalogError> {
    await writeFile(join(dir, "elsewhere.json"), JSON.stringify(entries));
    const error = await loadElsewhere(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CatalogError);
    return error as CatalogError;
  }

  it("when an entry cites no source", async () => {
    const error = await loadError([{ ...valid, sources: [] }]);
    expect([error.file, error.entry, error.field]).toEqual([join(dir, "elsewhere.json"), "passport", "sources"]);
  });

  it("when an online route is not https", async () => {
    const online = [{ label: valid.online[0]?.label, url: "http://dichvucong.gov.vn/" }];
    expect((await loadError([{ ...valid, online }])).field).toBe("online.0.url");
  });

  it("when two entries share an id", async () => {
    const error = await loadError([valid, valid]);
    expect([error.entry, error.field]).toEqual(["passport", "id"]);
  });

  it("when an entry is marked verified without the day it was checked", async () => {
    const { checkedAt: _, ...unchecked } = valid;
    expect((await loadError([{ ...unchecked, verified: true }])).field).toBe("checkedAt");
  });

  it("when a text is too long for a chat answer", async () => {
    const error = await loadError([{ ...valid, where: { vi: "x".repeat(401), en: "x" } }]);
    expect(error.field).toBe("where.vi");
  });

  it("naming the entry by its position when it has no id", async () => {
    const { id: _, ...noId } = valid;
    expect((await loadError([valid, noId])).entry).toBe("#2");
  });

  it("but a catalog without the file simply has none", async () => {
    expect(await loadElsewhere(dir)).toEqual([]);
  });
});
