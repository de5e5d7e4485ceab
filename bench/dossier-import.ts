/**
 * A center's export imported at the size the limits allow (IMPORT_MAX_MB 50, IMPORT_MAX_ROWS
 * 200,000): the peak memory of `cli dossiers import` in a fresh process (max RSS, from
 * /usr/bin/time), for a CSV of 175,000 rows (just under 50 MB) and the same rows as .xlsx; and, in the bot's own process
 * with 200,000 dossiers stored, how long an upload's import holds up everyone else (the longest
 * stall of a 2 ms heartbeat: another user's /help waits that long). With BENCH_IMPORT_BASELINE
 * set to a checkout of an earlier version (its own node_modules), the same CLI run there is
 * measured side by side. Runs alone with `npx tsx bench/dossier-import.ts`.
 */
import { execFile } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import exceljs from "exceljs";
import { loadDossierStatuses } from "../src/domain/dossiers/status-file.ts";
import { DOSSIER_HEADERS } from "../src/domain/imports/dossier-import.ts";
import { dossierReadOptions, importDossierFile } from "../src/imports/dossier-file.ts";
import { bytesSource } from "../src/imports/text-stream.ts";
import { storedCommunes } from "../src/store/dossier-submit.ts";
import { openLowStore } from "../src/store/lowdb/index.ts";
import { longestStall, prefillShards } from "./dossier-store.ts";
import { round } from "./stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 175_000);
/** Rows of the upload imported while the bot serves others (an upload is at most 20 MB). */
const UPLOAD_ROWS = Number(process.env.BENCH_UPLOAD_ROWS ?? 20_000);
const STORED = Number(process.env.BENCH_DOSSIERS ?? 200_000);
const COMMUNE = "16855";
export const IMPORT_TARGETS = { peakRssMb: 300, stallMs: 50 };

const HEADER = [
  "STT",
  "Mã hồ sơ",
  "Tên thủ tục",
  "Chủ hồ sơ",
  "Ngày tiếp nhận",
  "Ngày hẹn trả",
  "Trạng thái",
  "Ghi chú",
];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Row i of the export: a day of 2025 and a number on that day make a unique code. */
function rowOf(i: number): string[] {
  const day = new Date(Date.UTC(2025, 0, 1 + (i % 365)));
  const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
  const code = `000.00.20.H40-${String(y).slice(2)}${pad(m)}${pad(d)}-${pad(Math.floor(i / 365), 4)}`;
  return [
    String(i + 1),
    code,
    "Đăng ký khai sinh kết hợp đăng ký thường trú và cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
    "Nguyễn Thị Phương Thảo",
    `${pad(d)}/${pad(m)}/${y} 08:30`,
    `${pad(d)}/${pad(m)}/${y + 1}`,
    i % 3 === 0 ? "Chờ bổ sung" : "Đang giải quyết",
    `Bổ sung bản sao giấy chứng sinh; hồ sơ số ${i}`,
  ];
}

const csvLine = (cells: string[]) =>
  `${cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")}\n`;

async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  };
  await write("UBND XÃ CHIÊU LƯU\n");
  await write(csvLine(HEADER));
  for (let i = 0; i < rows; i++) await write(csvLine(rowOf(i)));
  await new Promise<void>((resolve) => out.end(resolve));
}

async function writeXlsx(file: string, rows: number): Promise<void> {
  const workbook = new exceljs.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet("Hồ sơ");
  sheet.addRow(["DANH SÁCH HỒ SƠ"]).commit();
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(rowOf(i)).commit();
  await workbook.commit();
}

interface CliRun {
  code: number;
  peakRssMb: number;
  seconds: number;
  added: number;
}

/**
 * `npm run cli -- dossiers import` in a fresh process and an empty state, under /usr/bin/time
 * (the largest process's peak): the command as package.json runs it, Node's flags included.
 */
function runImport(root: string, file: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    mkdtemp(join(tmpdir(), "motcua-bench-import-state-")).then((stateDir) => {
      const args = ["-f", "%M %e", "npm", "run", "--silent", "cli", "--", "dossiers", "import", file];
      execFile(
        "/usr/bin/time",
        [...args, "--commune", COMMUNE, "--json"],
        {
          cwd: root,
          env: { ...process.env, STATE_DIR: stateDir, DATA_DIR: join(root, "data"), IMPORT_MAX_MB: "50" },
          maxBuffer: 64 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          void rm(stateDir, { recursive: true, force: true });
          const [kb = "0", seconds = "0"] = stderr.trim().split("\n").at(-1)?.split(" ") ?? [];
          const report = stdout.trim() ? (JSON.parse(stdout) as { added?: number }) : {};
          if (error && !stdout.trim()) reject(new Error(stderr.slice(-2000)));
          else
            resolve({
              code: error ? Number(error.code ?? 1) : 0,
              peakRssMb: round(Number(kb) / 1024, 0),
              seconds: Number(seconds),
              added: report.added ?? 0,
            });
        },
      );
    }, reject);
  });
}

/** An upload imported by the bot's own process, 200,000 dossiers stored: how long others wait. */
async function uploadStall(dir: string, csvFile: string) {
  await prefillShards(dir, STORED);
  const store = await openLowStore(dir);
  const bytes = new Uint8Array(await readFile(csvFile));
  const statuses = await loadDossierStatuses(join(ROOT, "data"));
  let outcome: Awaited<ReturnType<typeof importDossierFile>> | undefined;
  const start = performance.now();
  const { stallMs } = await longestStall(async () => {
    outcome = await importDossierFile(
      { source: bytesSource(bytes), name: "upload.csv", size: bytes.length },
      {
        read: { ...dossierReadOptions({ maxBytes: 50 * 1_048_576, maxRows: 200_000 }), headers: DOSSIER_HEADERS },
        options: { communeCode: COMMUNE, statuses },
        communesOf: (codes) => storedCommunes(store.dossiers, codes),
        submit: async (reports, now) => ({ outcomes: await store.dossiers.applyReports(reports, now), via: "applied" }),
        now: new Date(),
      },
    );
    return [];
  });
  await store.close();
  // What this machine does to a heartbeat with nothing to do, for comparison (a shared machine stalls too).
  const idle = await longestStall(async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return [];
  });
  return {
    rows: UPLOAD_ROWS,
    mb: round(bytes.length / 1_048_576, 1),
    seconds: round((performance.now() - start) / 1000, 1),
    added: outcome?.counts.added ?? 0,
    stallMs,
    idleStallMs: idle.stallMs,
  };
}

export async function benchDossierImport() {
  const dir = await mkdtemp(join(tmpdir(), "motcua-bench-import-"));
  try {
    const csvFile = join(dir, "export.csv");
    const xlsxFile = join(dir, "export.xlsx");
    const uploadFile = join(dir, "upload.csv");
    await writeCsv(csvFile, ROWS);
    await writeXlsx(xlsxFile, ROWS);
    await writeCsv(uploadFile, UPLOAD_ROWS);
    const size = async (f: string) => round((await stat(f)).size / 1_048_576, 1);
    const baselineRoot = process.env.BENCH_IMPORT_BASELINE;
    const baseline = baselineRoot && existsSync(baselineRoot) ? await runImport(baselineRoot, csvFile) : undefined;
    return {
      rows: ROWS,
      csv: { mb: await size(csvFile), ...(await runImport(ROOT, csvFile)), ...(baseline ? { baseline } : {}) },
      xlsx: { mb: await size(xlsxFile), ...(await runImport(ROOT, xlsxFile)) },
      upload: await uploadStall(join(dir, "state"), uploadFile),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  console.log(JSON.stringify(await benchDossierImport(), null, 2));
