import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { postedListMessage } from "../../src/bot/views/posted-list.ts";
import { loadCatalog } from "../../src/domain/catalog/load.ts";
import { createI18n } from "../../src/i18n/index.ts";
import { DATA_DIR } from "../support/catalog.ts";
import { runCli } from "./run-cli.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/imports/${name}`, import.meta.url));

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "motcua-data-"));
  await cp(DATA_DIR, dataDir, { recursive: true });
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe("A center imports its posted list from a spreadsheet", () => {
  it("when every row is valid, the list replaces the national default for that commune", async () => {
    const { code, stdout } = await runCli(
      ["catalog", "import", fixture("posted-good.csv"), "--commune", "20044", "--json"],
      { DATA_DIR: dataDir },
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ applied: true, commune: "20044", accepted: 3, rejected: [] });
    const catalog = await loadCatalog(dataDir);
    expect([...catalog.postedCodes("20044")]).toEqual(["1.001193", "1.000656", "2.000815"]);
    expect(catalog.localNote("20044", "1.001193")?.vi).toBe("Nhận hồ sơ cả sáng thứ Bảy (mẫu)");
  });

  it("when some rows are wrong, each is reported by line and nothing is applied", async () => {
    const { code, stdout } = await runCli(
      ["catalog", "import", fixture("posted-bad.csv"), "--commune", "20044", "--json"],
      { DATA_DIR: dataDir },
    );
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.applied).toBe(false);
    expect(report.rejected).toEqual([
      { line: 4, reason: "procedure 2.000815 belongs to field certification, not land" },
      { line: 5, reason: "procedure 1.001193 is listed twice" },
    ]);
    expect(existsSync(join(dataDir, "posted", "20044.json"))).toBe(false);
  });

  it("when the list has procedures the catalog lacks, they are kept aside and staff are told which", async () => {
    const { code, stdout } = await runCli(
      ["catalog", "import", fixture("posted-uncatalogued.csv"), "--commune", "20044"],
      { DATA_DIR: dataDir },
    );
    expect(code).toBe(0);
    expect(stdout).toContain("1 of your procedures have no catalog entry yet");
    expect(stdout).toContain("  1.999998 Thủ tục thí dụ chưa có");
    const catalog = await loadCatalog(dataDir);
    expect(catalog.postedList("20044")?.uncatalogued).toEqual([{ code: "1.999998", name: "Thủ tục thí dụ chưa có" }]);
    expect(catalog.postedCodes("20044").has("1.999998")).toBe(false);
    const t = (await createI18n()).translator("vi");
    const message = postedListMessage(catalog, "20044", t);
    expect(message).toContain("⚠️ <b>1 thủ tục trong danh sách chưa có trong bot</b>");
    expect(message).toContain("• <code>1.999998</code> Thủ tục thí dụ chưa có");
  });

  it("a code that is not a national code is still refused", async () => {
    const bad = join(dataDir, "typo.csv");
    await writeFile(bad, "code\n1.001193\nkhai sinh\n");
    const { code, stdout } = await runCli(["catalog", "import", bad, "--commune", "20044", "--json"], {
      DATA_DIR: dataDir,
    });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).rejected).toEqual([
      { line: 3, reason: '"khai sinh" is not a procedure code (expected a national code like 1.001193)' },
    ]);
  });

  it("an unknown commune is a usage error (exit code 2)", async () => {
    expect(
      (await runCli(["catalog", "import", fixture("posted-good.csv"), "--commune", "123"], { DATA_DIR: dataDir })).code,
    ).toBe(2);
  });
});

describe("Center addresses for all communes come from the merger lookup site's list", () => {
  it("rows are matched by province and name; unknown communes are skipped and reported", async () => {
    const args = [
      "communes",
      "import",
      fixture("centers-sample.csv"),
      "--json",
      "--as-of",
      "2025-07",
      "--source",
      "sample list",
    ];
    const { code, stdout } = await runCli(args, { DATA_DIR: dataDir });
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ applied: true, imported: 5 });
    expect(report.unmatched).toEqual([{ line: 4, reason: 'no commune "xã Không Có Thật" in tỉnh Nghệ An' }]);
    const catalog = await loadCatalog(dataDir);
    const laoCai = catalog.communes.get("02905");
    expect(laoCai?.center).toMatchObject({
      address: "Số 1 đường Mẫu, xã Bảo Thắng",
      location: { lat: 22.3, lon: 104.1 },
      verified: false,
      headquarters: true,
    });
    expect(laoCai?.center?.name.vi).toBe("Trụ sở UBND Xã Bảo Thắng");
    expect(laoCai?.center?.source).toMatch(/^sample list, data as of 2025-07 \(imported \d{4}-\d\d-\d\d\)$/);
    // Names that differ only by tone marks in one province are two communes, not a duplicate.
    expect(catalog.communes.get("02143")?.center?.address).toBe("Thôn Mẫu 1, xã Văn Lang");
    expect(catalog.communes.get("05665")?.center?.address).toBe("Thôn Mẫu 2, xã Văn Lăng");
    // "đang cập nhật" (being updated) is no address: the commune and province say where, the pin exactly.
    expect(catalog.communes.get("16813")?.center).toMatchObject({
      address: "Xã Mường Xén, Nghệ An",
      location: { lat: 19.4, lon: 104.13 },
    });
    // A commune with hand-written details keeps them.
    expect(catalog.communes.get("16855")?.center?.name.vi).toContain("Chiêu Lưu");
  });

  it("a malformed row stops the import and the shipped directory is left as it was", async () => {
    const before = await readFile(join(dataDir, "centers.json"), "utf8");
    const { code, stdout } = await runCli(["communes", "import", fixture("centers-bad.csv")], { DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stdout).toContain("line 3: kinhdo/vido are not coordinates");
    expect(await readFile(join(dataDir, "centers.json"), "utf8")).toBe(before);
    expect(await readFile(join(dataDir, "fields.json"), "utf8")).toContain("civil_status");
  });
});

describe("The merged catalog can be exported", () => {
  it("writes data/ with the centers staff updated merged in and the lists they uploaded, leaving data/ as it was", async () => {
    const stateDir = join(dataDir, "..", `${dataDir.split("/").pop()}-state`);
    const out = join(dataDir, "..", `${dataDir.split("/").pop()}-export`);
    await mkdir(stateDir, { recursive: true });
    const update = { address: "Số 2 đường Mẫu", updatedBy: 7, updatedAt: "2026-11-23T03:00:00.000Z" };
    await writeFile(join(stateDir, "center-updates.json"), JSON.stringify({ "20044": update, "02905": update }));
    const list = {
      commune: "16855",
      source: "niem-yet.xlsx",
      importedAt: "2026-11-23T04:00:00.000Z",
      procedures: [{ code: "1.001193", note: "Quầy số 2" }],
      uncatalogued: [{ code: "2.002999" }],
    };
    await mkdir(join(stateDir, "posted-lists"), { recursive: true });
    await writeFile(join(stateDir, "posted-lists", "16855.json"), JSON.stringify(list));
    const { code, stdout } = await runCli(["catalog", "export", "--out", out], {
      DATA_DIR: dataDir,
      STATE_DIR: stateDir,
    });
    expect(code).toBe(0);
    expect(stdout).toContain("2 centers updated by staff, 1 posted lists uploaded");
    expect(JSON.parse(await readFile(join(out, "posted", "16855.json"), "utf8"))).toEqual(list);
    const exported = JSON.parse(await readFile(join(out, "communes", "hue", "20044.json"), "utf8"));
    expect(exported.center).toMatchObject({ address: "Số 2 đường Mẫu", verified: true });
    const laoCai = JSON.parse(await readFile(join(out, "communes", "lao-cai", "02905.json"), "utf8"));
    expect(laoCai).toMatchObject({ code: "02905", name: "Xã Bảo Thắng", center: { address: "Số 2 đường Mẫu" } });
    expect(JSON.parse(await readFile(join(dataDir, "communes", "hue", "20044.json"), "utf8")).center.address).toBe(
      "195 Hồ Chí Minh, xã A Lưới 2",
    );
    await loadCatalog(out);
    await rm(stateDir, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });
});
