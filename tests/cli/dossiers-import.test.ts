import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import exceljs from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openLowStore } from "../../src/store/lowdb/index.ts";
import { claimStateDir } from "../../src/store/lowdb/instance-lock.ts";
import { openPgStore } from "../../src/store/postgres/index.ts";
import { DATA_DIR } from "../support/catalog.ts";
import { freshDatabase, TEST_DATABASE_URL } from "../support/postgres.ts";
import { runCli } from "./run-cli.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/dossiers/${name}`, import.meta.url));
const CHIEU_LUU = "16855";

let dataDir: string;
let stateDir: string;
let env: Record<string, string>;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "motcua-data-"));
  stateDir = await mkdtemp(join(tmpdir(), "motcua-state-"));
  await cp(DATA_DIR, dataDir, { recursive: true });
  env = { DATA_DIR: dataDir, STATE_DIR: stateDir };
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(stateDir, { recursive: true, force: true });
});

const importFile = (name: string, ...flags: string[]) =>
  runCli(["dossiers", "import", fixture(name), "--commune", CHIEU_LUU, ...flags], env);
/** Every stored dossier, as the bot would read them. */
const storedState = async () => {
  const dossiers = [];
  for await (const d of (await openLowStore(stateDir)).dossiers.all()) dossiers.push(d);
  return dossiers;
};
const storedDossier = async (code: string) => (await openLowStore(stateDir)).dossiers.get(code);

describe("A center imports its one-stop system's export of dossiers", () => {
  it("a CSV with the export's Vietnamese headers adds every dossier, readable by its code", async () => {
    const { code, stdout } = await importFile("good.csv", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      applied: true,
      via: "applied",
      file: fixture("good.csv"),
      commune: CHIEU_LUU,
      added: 3,
      updated: 0,
      unchanged: 0,
      rejected: [],
    });
    const first = await storedDossier("000.00.20.H40-250709-0001");
    expect(first).toMatchObject({
      communeCode: CHIEU_LUU,
      applicantName: "Nguyễn Văn An",
      status: "in_process",
      receivedAt: "2025-07-09T01:30:00.000Z",
    });
    expect(first?.appointments.map((a) => a.due)).toEqual(["2025-07-10T09:00:00.000Z"]);
    // Typed with spaces and in lower case in the export, stored under the normalised code.
    expect(await storedDossier("000.00.20.H40-250710-0003")).toMatchObject({ status: "done" });
  });

  it("an .xlsx export with title rows and an STT column is read from its header row; a dossier of another commune is rejected, not moved", async () => {
    const workbook = new exceljs.Workbook();
    const sheet = workbook.addWorksheet("Sheet1");
    sheet.addRow(["TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"]);
    sheet.addRow([]);
    sheet.addRow(["STT", "Mã hồ sơ", "Chủ hồ sơ", "Ngày tiếp nhận", "Trạng thái", "Ghi chú"]);
    sheet.addRow([
      1,
      "000.00.20.H40-250709-0001",
      "Nguyễn Văn An",
      new Date(Date.UTC(2025, 6, 9, 8, 30)),
      "Đã tiếp nhận",
      "",
    ]);
    sheet.addRow([
      2,
      "000.00.20.H40-250709-0002",
      "Trần Thị Bình",
      "09/07/2025",
      "Chờ bổ sung",
      "Thiếu tờ khai có chữ ký",
    ]);
    const file = join(dataDir, "export.xlsx");
    await writeFile(file, new Uint8Array(await workbook.xlsx.writeBuffer()));
    const run = () => runCli(["dossiers", "import", file, "--commune", CHIEU_LUU, "--json"], env);
    expect(JSON.parse((await run()).stdout)).toMatchObject({ applied: true, added: 2, rejected: [] });
    expect(await storedDossier("000.00.20.H40-250709-0001")).toMatchObject({
      status: "received",
      receivedAt: "2025-07-09T01:30:00.000Z",
    });
    expect(await storedDossier("000.00.20.H40-250709-0002")).toMatchObject({
      status: "needs_supplement",
      note: "Thiếu tờ khai có chữ ký",
    });

    const other = await runCli(["dossiers", "import", file, "--commune", "20044", "--json"], env);
    expect(other.code).toBe(1);
    expect(JSON.parse(other.stdout).rejected).toEqual([
      {
        line: 4,
        reason:
          "dossier 000.00.20.H40-250709-0001 belongs to commune 16855, not 20044: an import never moves a dossier between communes (ask that commune's center, or remove the row)",
      },
      {
        line: 5,
        reason:
          "dossier 000.00.20.H40-250709-0002 belongs to commune 16855, not 20044: an import never moves a dossier between communes (ask that commune's center, or remove the row)",
      },
    ]);
    expect(await storedDossier("000.00.20.H40-250709-0001")).toMatchObject({ communeCode: CHIEU_LUU });
  });

  it("a JSON export with English keys adds its dossiers with what is missing and what to pay", async () => {
    const { code, stdout } = await importFile("good.json", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ applied: true, added: 2, updated: 0, unchanged: 0, rejected: [] });
    expect(await storedDossier("000.00.20.H40-250711-0004")).toMatchObject({
      status: "needs_supplement",
      missing: ["Bản sao giấy chứng sinh (mẫu)", "Giấy chứng nhận kết hôn (mẫu)"],
    });
    expect(await storedDossier("000.00.20.H40-250711-0005")).toMatchObject({
      status: "financial_obligation",
      payment: { amountVnd: 150000, where: "Quầy thu phí số 1 (mẫu)" },
      lookupKey: "A7K2",
    });
  });

  it("the same file imported a second time changes nothing", async () => {
    expect((await importFile("good.csv")).code).toBe(0);
    const before = await storedState();
    const { code, stdout } = await importFile("good.csv", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ applied: true, added: 0, updated: 0, unchanged: 3 });
    // Same dossiers, same history and times, nothing queued for subscribers.
    expect(await storedState()).toEqual(before);
  });

  it("a later export with a new status is counted as an update, in words the staff reads", async () => {
    await importFile("good.csv");
    const { code, stdout } = await importFile("later.csv");
    expect(code).toBe(0);
    expect(stdout.trim()).toBe("Xã Chiêu Lưu: 0 added, 1 updated, 2 unchanged.");
    const dossier = await storedDossier("000.00.20.H40-250709-0001");
    expect(dossier?.history.map((h) => h.status)).toEqual(["in_process", "done"]);
  });

  it("a file with bad rows reports each by line and applies nothing, not even its good rows", async () => {
    await importFile("good.csv");
    const before = await storedState();
    const { code, stdout } = await importFile("bad.csv", "--json");
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ applied: false, commune: CHIEU_LUU, added: 0, updated: 0, unchanged: 0 });
    expect(report.rejected).toEqual([
      { line: 3, reason: 'Ngày tiếp nhận "31/02/2025" is not a real date' },
      { line: 4, reason: expect.stringContaining('Trạng thái "Chờ duyệt" is not a known status') },
      { line: 5, reason: 'Mã hồ sơ "000.00.20.H40-250709-0001" is listed twice (first on line 2)' },
    ]);
    expect(await storedState()).toEqual(before);
    expect((await storedDossier("000.00.20.H40-250709-0001"))?.status).toBe("in_process");
  });

  it("without --json, rejected rows are listed one per line above the summary", async () => {
    const { code, stdout } = await importFile("bad.csv");
    expect(code).toBe(1);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe('line 3: Ngày tiếp nhận "31/02/2025" is not a real date');
    expect(lines.at(-1)).toBe(
      `Xã Chiêu Lưu: nothing imported from ${fixture("bad.csv")} (3 rows rejected). Fix them and run again.`,
    );
  });

  it("while a bot runs on the state folder, the import is queued for it and the staff is told", async () => {
    // A live process other than the CLI holds the state folder: this test's own.
    const release = await claimStateDir(stateDir);
    const { code, stdout } = await importFile("good.csv").finally(release);
    expect(code).toBe(0);
    expect(stdout).toBe(
      "Xã Chiêu Lưu: 3 added, 0 updated, 0 unchanged.\nThe running bot will apply it within a few seconds.\n",
    );
    expect(await readdir(join(stateDir, "inbox"))).toHaveLength(1);
  });

  it("a JSON file that is not JSON is one rejected line naming the parse error", async () => {
    const broken = join(stateDir, "broken.json");
    await writeFile(broken, '[{"code": "000.00.20.H40-250709-0001",');
    const { code, stdout } = await runCli(["dossiers", "import", broken, "--commune", CHIEU_LUU, "--json"], env);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({
      line: 1,
      reason: expect.stringContaining("the file is not valid JSON"),
    });
  });

  it("an unknown commune, a missing --commune or a file of another kind is a usage error (exit code 2)", async () => {
    expect((await runCli(["dossiers", "import", fixture("good.csv"), "--commune", "123"], env)).code).toBe(2);
    expect((await runCli(["dossiers", "import", fixture("good.csv")], env)).code).toBe(2);
    expect((await runCli(["dossiers", "import", join(dataDir, "fields.txt"), "--commune", CHIEU_LUU], env)).code).toBe(
      2,
    );
  });
});

describe.skipIf(!TEST_DATABASE_URL)("With DATABASE_URL, a dossier import", () => {
  it("is applied to PostgreSQL directly, whatever runs, and a second run changes nothing", async () => {
    const database = await freshDatabase(TEST_DATABASE_URL as string);
    try {
      const first = await runCli(["dossiers", "import", fixture("good.csv"), "--commune", CHIEU_LUU, "--json"], {
        ...env,
        DATABASE_URL: database.url,
      });
      expect(JSON.parse(first.stdout)).toMatchObject({ applied: true, via: "applied", added: 3 });
      const again = await runCli(["dossiers", "import", fixture("good.csv"), "--commune", CHIEU_LUU, "--json"], {
        ...env,
        DATABASE_URL: database.url,
      });
      expect(JSON.parse(again.stdout)).toMatchObject({ applied: true, via: "applied", added: 0, unchanged: 3 });
      const store = await openPgStore(database.url, stateDir);
      expect(await store.dossiers.get("000.00.20.H40-250710-0003")).toMatchObject({ status: "done" });
      await store.close();
      expect(existsSync(join(stateDir, "dossiers"))).toBe(false);
    } finally {
      await database.drop();
    }
  });
});
