import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDossierStatuses } from "../../src/domain/dossiers/status-file.ts";
import type { Store } from "../../src/domain/store.ts";
import { dossierReadOptions, importDossierFile } from "../../src/imports/dossier-file.ts";
import { bytesSource } from "../../src/imports/text-stream.ts";
import { storedCommunes } from "../../src/store/dossier-submit.ts";
import { openLowStore } from "../../src/store/lowdb/index.ts";
import { DATA_DIR } from "../support/catalog.ts";

/** More rows than the store keeps in memory while it sorts a change by file: the rest waits on disk. */
const ROWS = 6_000;
const CHIEU_LUU = "16855";

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "motcua-streamed-"));
  store = await openLowStore(dir);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** A day's export over a year: title row, header, then one row per dossier; `bad` rows have an impossible date. */
function anExport(bad: number[] = []): Uint8Array {
  const lines = ["UBND XÃ CHIÊU LƯU", "STT,Mã hồ sơ,Chủ hồ sơ,Ngày tiếp nhận,Trạng thái"];
  for (let i = 0; i < ROWS; i++) {
    const month = String(1 + (i % 12)).padStart(2, "0");
    const received = bad.includes(i) ? `31/02/2025` : `15/${month}/2025`;
    lines.push(
      `${i + 1},000.00.20.H40-2501${month}-${String(i).padStart(4, "0")},Nguyễn Văn An,${received},Đã tiếp nhận`,
    );
  }
  return new TextEncoder().encode(lines.join("\n"));
}

async function importBytes(bytes: Uint8Array) {
  return importDossierFile(
    { source: bytesSource(bytes), name: "export.csv", size: bytes.length },
    {
      read: dossierReadOptions({ maxBytes: 10 * 1_048_576, maxRows: 10_000 }),
      options: { communeCode: CHIEU_LUU, statuses: await loadDossierStatuses(DATA_DIR) },
      communesOf: (codes) => storedCommunes(store.dossiers, codes),
      submit: async (reports, now) => ({ outcomes: await store.dossiers.applyReports(reports, now), via: "applied" }),
      now: new Date("2026-11-30T03:00:00.000Z"),
    },
  );
}

const storedCount = async (from: Store) => {
  let count = 0;
  for await (const _ of from.dossiers.all()) count++;
  return count;
};

describe("A center's whole year of dossiers, read and applied as it streams in", () => {
  it("one bad row near the end refuses the whole file: nothing is stored, the row is named", async () => {
    const outcome = await importBytes(anExport([ROWS - 3]));
    expect(outcome).toMatchObject({ applied: false, rejected: [{ line: ROWS - 3 + 3 }] });
    expect(outcome.rejected[0]?.reasons).toEqual([
      { key: "date_not_real", column: "Ngày tiếp nhận", text: "31/02/2025" },
    ]);
    expect(await storedCount(store)).toBe(0);
  }, 120_000);

  it("the file fixed, every row is stored, one file per month, and a restart reads them all back", async () => {
    const outcome = await importBytes(anExport());
    expect(outcome).toMatchObject({ applied: true, counts: { added: ROWS, updated: 0, unchanged: 0 } });
    expect((await readdir(join(dir, "dossiers", CHIEU_LUU))).sort()).toEqual(
      Array.from({ length: 12 }, (_, m) => `2025-${String(m + 1).padStart(2, "0")}.json`),
    );
    const again = await openLowStore(dir);
    expect(await storedCount(again)).toBe(ROWS);
    expect(await again.dossiers.get("000.00.20.H40-250112-5999")).toMatchObject({ status: "received" });
    expect((await importBytes(anExport())).counts).toEqual({ added: 0, updated: 0, unchanged: ROWS });
  }, 120_000);
});
