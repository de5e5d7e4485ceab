import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLowStore } from "../../src/store/lowdb/index.ts";
import { DATA_DIR } from "../support/catalog.ts";
import { runCli } from "./run-cli.ts";

const CHIEU_LUU = "16855";
const HEADER = "STT,Mã hồ sơ,Mã thủ tục,Tên thủ tục,Chủ hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Trạng thái,Ghi chú";
/** A valid export row (line n + 1 of a file with HEADER), each with its own dossier code. */
const row = (n: number, note = "") =>
  `${n},000.00.20.H40-250709-${String(n).padStart(4, "0")},1.001193,Đăng ký khai sinh (mẫu),Nguyễn Văn An,09/07/2025 08:30,10/07/2025 16:00,Đang xử lý,${note}`;
const csv = (...lines: string[]) => `${lines.join("\r\n")}\r\n`;

let dir: string;
let env: Record<string, string>;
/** Every file under the data and state folders, with its content: what "nothing applied" compares. */
let before: Map<string, string>;

async function snapshot(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const root of [env.DATA_DIR, env.STATE_DIR] as string[]) {
    for (const name of await readdir(root, { recursive: true })) {
      const content = await readFile(join(root, name), "utf8").catch(() => "(folder)");
      files.set(join(root, name), content);
    }
  }
  return files;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "motcua-broken-"));
  env = { DATA_DIR: join(dir, "data"), STATE_DIR: join(dir, "state") };
  await cp(DATA_DIR, env.DATA_DIR as string, { recursive: true });
  // A state that already holds dossiers, so "nothing applied" also means "nothing changed".
  await writeFile(join(dir, "seed.csv"), csv(HEADER, row(1), row(2)));
  expect((await runCli(["dossiers", "import", join(dir, "seed.csv"), "--commune", CHIEU_LUU], env)).code).toBe(0);
  before = await snapshot();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Writes `content` as `name` in the temp folder and imports it with --json. */
async function importDossiers(name: string, content: string | Uint8Array, extraEnv: Record<string, string> = {}) {
  const file = join(dir, name);
  await writeFile(file, content);
  const { code, stdout, stderr } = await runCli(["dossiers", "import", file, "--commune", CHIEU_LUU, "--json"], {
    ...env,
    ...extraEnv,
  });
  return { code, stderr, file, report: stdout ? JSON.parse(stdout) : undefined };
}

/** The import was refused: exit code 1, the file named, exactly these lines rejected, nothing changed. */
async function expectRefused(
  result: Awaited<ReturnType<typeof importDossiers>>,
  rejected: { line: number; reason: unknown }[],
) {
  expect(result.code).toBe(1);
  expect(result.report).toMatchObject({ applied: false, file: result.file, added: 0, updated: 0, unchanged: 0 });
  expect(result.report.rejected).toEqual(rejected);
  expect(await snapshot()).toEqual(before);
}

/** Imports into a fresh state folder: for files that must be accepted. */
async function importFresh(name: string, content: string | Uint8Array) {
  const stateDir = await mkdtemp(join(dir, "fresh-"));
  const file = join(dir, name);
  await writeFile(file, content);
  const { code, stdout } = await runCli(["dossiers", "import", file, "--commune", CHIEU_LUU, "--json"], {
    ...env,
    STATE_DIR: stateDir,
  });
  const state = [];
  for await (const d of (await openLowStore(stateDir)).dossiers.all()) state.push(d);
  return { code, report: JSON.parse(stdout), state: JSON.stringify(state) };
}

describe("A staff member importing an export with the wrong columns", () => {
  it("a CSV without a required column is refused at the header, naming the column", async () => {
    const header = HEADER.replace(",Trạng thái", "");
    const result = await importDossiers("no-status.csv", csv(header, row(3).replace(",Đang xử lý", "")));
    await expectRefused(result, [{ line: 1, reason: "missing columns: Trạng thái (status)" }]);
  });

  it("unknown extra columns are ignored and the known ones imported", async () => {
    const { code, report, state } = await importFresh(
      "extra.csv",
      csv(`${HEADER},Cán bộ xử lý,Số điện thoại`, `${row(3)},Phạm Văn Cán,0912000000`),
    );
    expect(code).toBe(0);
    expect(report).toMatchObject({ applied: true, added: 1, rejected: [] });
    expect(state).toContain("000.00.20.H40-250709-0003");
    expect(state).not.toContain("0912000000");
  });

  it("a header naming a column twice is refused, with both positions", async () => {
    const result = await importDossiers("twice.csv", csv(`${HEADER},Ghi chu`, `${row(3)},x`));
    await expectRefused(result, [
      { line: 1, reason: 'the header has column "Ghi chu" twice (columns 9 and 10): rename or delete one' },
    ]);
  });

  it("rows with more or fewer cells than the header are rejected by line, naming the cells, with the other bad rows", async () => {
    const extra = row(4).replace("Nguyễn Văn An", "Nguyễn Văn An, con"); // an unquoted comma in a name
    const short = row(5).replace(",Đang xử lý,", "");
    const result = await importDossiers(
      "ragged.csv",
      csv(HEADER, row(3), extra, short, row(6).replace("09/07/2025 08:30", "hôm qua")),
    );
    await expectRefused(result, [
      {
        line: 3,
        reason:
          'the row has 10 cells but the header has 9 columns, the last being "": a separator inside a value that is not in quotes?',
      },
      { line: 4, reason: 'the row has 7 cells but the header has 9 columns: no cell for "Trạng thái", "Ghi chú"' },
      { line: 5, reason: expect.stringContaining('Ngày tiếp nhận "hôm qua" is not a date') },
    ]);
  });

  it("a JSON object instead of an array is refused, saying what it holds", async () => {
    const result = await importDossiers("object.json", JSON.stringify({ rows: [{ code: "x" }], total: 1 }));
    await expectRefused(result, [
      {
        line: 1,
        reason: 'expected an array of dossiers or { "data": [...] }, not an object with keys "rows", "total"',
      },
    ]);
  });

  it("a JSON array of something other than objects is refused at the first such item", async () => {
    const result = await importDossiers(
      "strings.json",
      JSON.stringify([{ code: "x" }, "000.00.20.H40-250709-0003", 4]),
    );
    await expectRefused(result, [
      {
        line: 3,
        reason: expect.stringContaining(
          'dossier 2 of the list is not an object but the string "000.00.20.H40-250709-0003"',
        ),
      },
    ]);
  });
});

describe("A staff member importing an export saved in another encoding", () => {
  it("a legacy code page (Windows-1258 bytes) is refused, naming the file and the first bad line, asking for CSV UTF-8", async () => {
    // "Nguyễn Văn Ánh" as Windows-1258 writes it: "ễ" is "e" + combining tilde-acute (0xDE), "ă" 0xE3, "Á" 0xC1.
    const legacy = Buffer.concat([
      Buffer.from(csv(HEADER, row(3)).replace(/\r\n$/, "\r\n")),
      Buffer.from(row(4).replace("Nguyễn Văn An", "Nguy\u00eaDn V\u00e3n \u00c1nh"), "latin1"),
    ]);
    const result = await importDossiers("legacy.csv", legacy);
    await expectRefused(result, [
      {
        line: 3,
        reason: expect.stringMatching(/^legacy\.csv is not UTF-8 text \(first on line 3\).*Windows-1258.*"CSV UTF-8/),
      },
    ]);
  });

  it("an Excel workbook renamed .csv is refused with how to export CSV", async () => {
    const zip = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
      Buffer.alloc(200, 0x00),
      Buffer.from("[Content_Types].xml"),
    ]);
    const result = await importDossiers("workbook.csv", zip);
    await expectRefused(result, [
      { line: 1, reason: expect.stringMatching(/^workbook\.csv is an Excel workbook .*Save As > "CSV UTF-8/) },
    ]);
  });

  it("binary garbage (NUL bytes) is refused at its line", async () => {
    const result = await importDossiers("garbage.csv", `${HEADER}\n${row(3)}\n\0\0\u0001\u0002`);
    await expectRefused(result, [
      { line: 3, reason: expect.stringContaining("garbage.csv holds binary data (a NUL character on line 3)") },
    ]);
  });

  it('UTF-8 with a BOM, UTF-16 with a BOM (Excel\'s tab-separated "Unicode text") and ";"-separated CSV are read as they are', async () => {
    const text = csv(HEADER, row(3));
    const withBom = await importFresh("bom.csv", `\uFEFF${text}`);
    const tabs = csv(HEADER.replaceAll(",", "\t"), row(3).replaceAll(",", "\t"));
    const utf16le = await importFresh(
      "unicode.csv",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabs, "utf16le")]),
    );
    const utf16be = await importFresh(
      "unicode-be.csv",
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]),
    );
    const semicolons = await importFresh(
      "semicolons.csv",
      csv(HEADER.replaceAll(",", ";"), row(3).replaceAll(",", ";")),
    );
    for (const { code, report, state } of [withBom, utf16le, utf16be, semicolons]) {
      expect(code).toBe(0);
      expect(report).toMatchObject({ applied: true, added: 1, rejected: [] });
      expect(state).toContain("Nguyễn Văn An");
    }
  });
});

describe("A staff member importing a huge export", () => {
  it("a file above IMPORT_MAX_MB is refused before it is read, giving its size and the cap", async () => {
    const big = csv(HEADER, ...Array.from({ length: 12_000 }, (_, i) => row(i + 3)));
    expect(Buffer.byteLength(big)).toBeGreaterThan(1.5 * 1_048_576);
    const result = await importDossiers("big.csv", big, { IMPORT_MAX_MB: "1" });
    await expectRefused(result, [
      {
        line: 1,
        reason: expect.stringMatching(/^big\.csv is 1\.[5-9] MB, more than the 1 MB an import takes \(IMPORT_MAX_MB\)/),
      },
    ]);
  });

  it("a file with more rows than IMPORT_MAX_ROWS is refused at the first row over the cap", async () => {
    const result = await importDossiers("many.csv", csv(HEADER, ...Array.from({ length: 30 }, (_, i) => row(i + 3))), {
      IMPORT_MAX_ROWS: "20",
    });
    await expectRefused(result, [
      {
        line: 22,
        reason: "many.csv has 30 rows, more than the 20 an import takes (IMPORT_MAX_ROWS): split it into smaller files",
      },
    ]);
  });

  it("a 1 MB cell stops the read at its line instead of hanging; a long note is a row-level error naming the column", async () => {
    const huge = await importDossiers("huge-cell.csv", csv(HEADER, row(3), row(4, "x".repeat(1_048_576)), row(5)));
    await expectRefused(huge, [
      { line: 3, reason: expect.stringMatching(/^the row is longer than 100,000 characters \(cell 9\)/) },
    ]);
    const long = await importDossiers(
      "long-note.csv",
      csv(HEADER, row(3), row(4, "y".repeat(20_000)), row(5).replace("Đang xử lý", "Chờ duyệt")),
    );
    await expectRefused(long, [
      { line: 3, reason: "Ghi chú holds 20,000 characters, more than the 10,000 a cell may have" },
      { line: 4, reason: expect.stringContaining('Trạng thái "Chờ duyệt" is not a known status') },
    ]);
  });

  it("100,000 good rows with one bad row near the end: nothing applied, the error names that row", async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => row(i + 3));
    rows[99_990] = rows[99_990]!.replace("09/07/2025 08:30", "31/02/2025");
    const started = Date.now();
    const result = await importDossiers("100k.csv", csv(HEADER, ...rows));
    await expectRefused(result, [{ line: 99_992, reason: 'Ngày tiếp nhận "31/02/2025" is not a real date' }]);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});

describe("The catalog and communes imports read files the same way", () => {
  it("a posted list that is a workbook or lacks its code column is refused and the list is not written", async () => {
    const workbook = join(dir, "danh-muc.csv");
    await writeFile(workbook, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    const first = await runCli(["catalog", "import", workbook, "--commune", CHIEU_LUU], env);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain(
      'line 1: danh-muc.csv is an Excel workbook (or another zip file), not CSV: open it in Excel and use File > Save As > "CSV UTF-8',
    );
    expect(first.stdout).toContain(`nothing imported from ${workbook}`);
    const noCode = join(dir, "no-code.csv");
    await writeFile(noCode, "Lĩnh vực,Ghi chú\nHộ tịch,x\n");
    const second = await runCli(["catalog", "import", noCode, "--commune", CHIEU_LUU, "--json"], env);
    expect(second.code).toBe(1);
    expect(JSON.parse(second.stdout).rejected).toEqual([
      { line: 1, reason: "no column for the procedure code (code / Mã TTHC)" },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("a communes list with a ragged row or in a legacy encoding is refused and centers.json is left as it was", async () => {
    const header = "tentinh,loai,tenhc,trungtamhc,kinhdo,vido";
    const ragged = join(dir, "communes.csv");
    await writeFile(
      ragged,
      csv(header, "tỉnh Lào Cai,xã,Bảo Thắng,Số 1,104.1,22.3", "tỉnh Lào Cai,xã,Bảo Thắng,Số 1,104.1"),
    );
    const first = await runCli(["communes", "import", ragged, "--json"], env);
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout).rejected).toEqual([
      { line: 3, reason: 'the row has 5 cells but the header has 6 columns: no cell for "vido"' },
    ]);
    const legacy = join(dir, "communes-1258.csv");
    await writeFile(
      legacy,
      Buffer.concat([
        Buffer.from(`${header}\r\n`),
        Buffer.from("t\u00ecnh L\u00e0o Cai,x\u00e3,B\u00e3o,S\u00f4 1,104.1,22.3\r\n", "latin1"),
      ]),
    );
    const second = await runCli(["communes", "import", legacy, "--json"], env);
    expect(second.code).toBe(1);
    expect(JSON.parse(second.stdout).rejected).toEqual([
      { line: 2, reason: expect.stringContaining("communes-1258.csv is not UTF-8 text (first on line 2)") },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("a missing file is a usage error (exit code 2) for every import", async () => {
    const missing = join(dir, "nowhere.csv");
    for (const args of [
      ["catalog", "import", missing, "--commune", CHIEU_LUU],
      ["communes", "import", missing],
      ["dossiers", "import", missing, "--commune", CHIEU_LUU],
    ]) {
      const { code, stderr } = await runCli(args, env);
      expect(code).toBe(2);
      expect(stderr).toContain(`no file "${missing}"`);
    }
  });
});
