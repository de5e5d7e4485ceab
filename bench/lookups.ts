import { createWriteStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Low } from "lowdb";
import { DataFile } from "lowdb/node";
import type { LookupRecord } from "../src/domain/dossiers/lookup-record.ts";
import { NdjsonLog } from "../src/store/lowdb/ndjson-log.ts";
import { summarize } from "./stats.ts";

const at = "2026-11-23T03:00:00.000Z";
const aRecord = (i: number): LookupRecord => ({
  at,
  communeCode: "16855",
  code: `000.00.20.H40-251123-${String(i % 10_000).padStart(4, "0")}`,
  found: i % 3 !== 0,
  user: `pseudonym${i % 5000}`,
});

/**
 * Writes `count` records to today's file quickly, as if recorded earlier, and waits until they
 * are on disk: otherwise the kernel is still writing back a large prefill (150 MB at 1M) while
 * the timed appends run, and they measure that.
 */
async function prefill(dir: string, count: number): Promise<void> {
  const file = join(dir, `${at.slice(0, 10)}.ndjson`);
  const out = createWriteStream(file);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${JSON.stringify(aRecord(i))}\n`))
      await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
  const handle = await open(file, "r+");
  await handle.sync();
  await handle.close();
}

const WARM_UP = 3_000;

/** Cost of recording one more look-up when `existing` are already recorded (ms per record). */
async function ourCost(existing: number, samples: number) {
  const dir = await mkdtemp(join(tmpdir(), "motcua-bench-lookups-"));
  try {
    await prefill(dir, existing);
    const log = await NdjsonLog.open<LookupRecord>(dir, "day");
    // Untimed: the first records also time the JIT compiling this path.
    for (let i = 0; i < WARM_UP; i++) await log.record(aRecord(existing + i));
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const start = performance.now();
      await log.record(aRecord(existing + WARM_UP + i));
      times.push(performance.now() - start);
    }
    await log.close();
    return summarize(times);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The naive way, for comparison: every look-up appended to one lowdb JSON document. */
async function oneDocumentCost(existing: number, samples: number) {
  const dir = await mkdtemp(join(tmpdir(), "motcua-bench-lowdb-"));
  try {
    const db = new Low(
      new DataFile<{ lookups: LookupRecord[] }>(join(dir, "lookups.json"), {
        parse: JSON.parse,
        stringify: JSON.stringify,
      }),
      { lookups: [] },
    );
    db.data.lookups = Array.from({ length: existing }, (_, i) => aRecord(i));
    await db.write();
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const start = performance.now();
      db.data.lookups.push(aRecord(existing + i));
      await db.write();
      times.push(performance.now() - start);
    }
    return summarize(times);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchLookupRecording() {
  const small = await ourCost(1_000, 2_000);
  const large = await ourCost(1_000_000, 2_000);
  return {
    ndjson: { at1k: small, at1M: large, medianRatio1MTo1k: Math.round((large.median / small.median) * 100) / 100 },
    oneLowdbDocument: { at1k: await oneDocumentCost(1_000, 50), at100k: await oneDocumentCost(100_000, 10) },
  };
}
