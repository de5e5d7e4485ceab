/**
 * The embedded store at a center's scale: with 200,000 dossiers (about 118 MB of JSON), what a
 * follow and a delivered notification cost, and how long they hold up everyone else (the longest
 * stall of a 2 ms heartbeat on the event loop: another user's reply waits that long). Measured
 * side by side: the store as it is (one file per commune and month), and the earlier layout (one
 * document rewritten whole).
 * Runs alone with `npx tsx bench/dossier-store.ts`.
 */
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Dossier } from "../src/domain/dossiers/dossier.ts";
import type { DossierNotification } from "../src/domain/dossiers/notification.ts";
import { shardKeyOf } from "../src/store/lowdb/dossier-shards.ts";
import { openLowStore } from "../src/store/lowdb/index.ts";
import { JsonDocument } from "../src/store/lowdb/json-document.ts";
import { round, summarize } from "./stats.ts";

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 200_000);
/** Follows and deliveries timed; fewer for the one-document layout, each of which rewrites every dossier. */
const SAMPLES = { current: 40, oneDocument: 5 };
export const DOSSIER_TARGETS = { followMedianMs: 20, stallMs: 50 };

const codeOf = (i: number) =>
  `000.00.20.H40-${String(250101 + (i % 28)).padStart(6, "0")}-${String(i).padStart(6, "0")}`;

/** A dossier as an export fills it in (about 700 bytes of JSON: 200,000 make 140 MB). */
const aDossier = (i: number): Dossier => ({
  code: codeOf(i),
  communeCode: String(16_000 + (i % 50)),
  procedureCode: "1.001193",
  procedureName: "Đăng ký khai sinh kết hợp đăng ký thường trú và cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
  applicantName: "Nguyễn Thị Phương Thảo",
  receivedAt: "2025-01-09T02:00:00.000Z",
  appointments: [{ due: "2025-01-20T10:00:00.000Z", setAt: "2025-01-09T02:00:00.000Z" }],
  status: "in_process",
  history: [
    { status: "received", at: "2025-01-09T02:00:00.000Z" },
    { status: "in_process", at: "2025-01-10T02:00:00.000Z", note: "Chuyển phòng chuyên môn thẩm định hồ sơ" },
  ],
  lookupKey: "X7K2Q9",
  updatedAt: "2025-01-10T02:00:00.000Z",
});

/** Writes the one-document state file of an earlier version, streamed (it is larger than a string may comfortably be). */
async function prefill(file: string, withFollowers: boolean): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  };
  await write('{"dossiers":{');
  for (let i = 0; i < DOSSIERS; i++)
    await write(`${i ? "," : ""}${JSON.stringify(codeOf(i))}:${JSON.stringify(aDossier(i))}`);
  await write(`},${withFollowers ? '"followers":{},' : ""}"outbox":[]}`);
  await new Promise<void>((resolve) => out.end(resolve));
}

/** Writes the dossiers as the store keeps them now: one file per commune and month of receipt. */
export async function prefillShards(stateDir: string, count = DOSSIERS): Promise<void> {
  const shards = new Map<string, Record<string, Dossier>>();
  for (let i = 0; i < count; i++) {
    const dossier = aDossier(i);
    const key = shardKeyOf(dossier.communeCode, dossier.receivedAt);
    const shard = shards.get(key) ?? shards.set(key, {}).get(key) ?? {};
    shard[dossier.code] = dossier;
  }
  for (const [key, dossiers] of shards) {
    await mkdir(join(stateDir, "dossiers", dirname(key)), { recursive: true });
    await writeFile(join(stateDir, "dossiers", `${key}.json`), JSON.stringify({ dossiers, outbox: [] }));
  }
}

/** The longest the event loop went without turning, while `work` ran. */
export async function longestStall(work: () => Promise<number[]>): Promise<{ times: number[]; stallMs: number }> {
  let stallMs = 0;
  let last = performance.now();
  let running = true;
  const beat = () => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
    if (running) setTimeout(beat, 2);
  };
  setTimeout(beat, 2);
  const times = await work();
  running = false;
  return { times, stallMs: round(stallMs, 1) };
}

interface Followable {
  subscribe(code: string, chatId: number, locale: "vi"): Promise<void>;
  markDelivered(id: string): Promise<void>;
}

async function timeOps(store: Followable, queued: string[]) {
  const time = async (op: (i: number) => Promise<void>) =>
    longestStall(async () => {
      const times: number[] = [];
      for (let i = 0; i < queued.length; i++) {
        const start = performance.now();
        await op(i);
        times.push(performance.now() - start);
      }
      return times;
    });
  const follow = await time((i) => store.subscribe(codeOf(i * 997), 900_000 + i, "vi"));
  const deliver = await time((i) => store.markDelivered(queued[i] ?? ""));
  return {
    follow: { ...summarize(follow.times), stallMs: follow.stallMs },
    delivery: { ...summarize(deliver.times), stallMs: deliver.stallMs },
  };
}

const queuedFor = (n: number): DossierNotification[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `q${i}`,
    chatId: 800_000 + i,
    dossierCode: codeOf(i),
    status: "done",
    locale: "vi",
    queuedAt: "2025-01-20T02:00:00.000Z",
  }));

/** The store as it is now. */
async function current(dir: string) {
  await prefillShards(dir);
  const store = await openLowStore(dir);
  await store.dossiers.requeue(queuedFor(SAMPLES.current));
  const figures = await timeOps(
    store.dossiers,
    queuedFor(SAMPLES.current).map((n) => n.id),
  );
  await store.close();
  return figures;
}

/** The layout before: dossiers, followers and outbox in one document, rewritten whole on each change. */
async function oneDocument(dir: string) {
  const file = join(dir, "dossiers.json");
  await prefill(file, true);
  const schema = z.object({
    dossiers: z.record(z.string(), z.unknown()),
    followers: z.record(z.string(), z.array(z.unknown())),
    outbox: z.array(z.object({ id: z.string() })),
  });
  const doc = await new JsonDocument(file, schema, { dossiers: {}, followers: {}, outbox: [] }).open();
  await doc.update((data) => {
    data.outbox.push(...queuedFor(SAMPLES.oneDocument));
  });
  return timeOps(
    {
      subscribe: (code, chatId, locale) =>
        doc.update((data) => {
          data.followers[code] = [...(data.followers[code] ?? []), { chatId, locale }];
        }),
      markDelivered: (id) =>
        doc.update((data) => {
          data.outbox = data.outbox.filter((n) => n.id !== id);
        }),
    },
    queuedFor(SAMPLES.oneDocument).map((n) => n.id),
  );
}

async function inTempDir<T>(measure: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "motcua-bench-dossiers-"));
  try {
    return await measure(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchDossierStore() {
  const now = await inTempDir(current);
  process.stderr.write(`  dossier store, as it is: ${JSON.stringify(now)}\n`);
  return { dossiers: DOSSIERS, current: now, oneDocument: await inTempDir(oneDocument) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await benchDossierStore(), null, 2));
