import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type AppServices, openApp } from "../../src/app.ts";
import { createBroadcastRunner } from "../../src/bot/broadcast/runner.ts";
import { parseConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import { openPgStore } from "../../src/store/postgres/index.ts";
import { DATA_DIR } from "../support/catalog.ts";
import { startFloodLimitedApi } from "../support/flood-limited-api.ts";
import { freshDatabase, TEST_DATABASE_URL } from "../support/postgres.ts";

const RATE = 40;

/**
 * Two instances sharing PostgreSQL send notices: each notice by one of them at a time, all at one
 * pace; when one stops half-way, the other finishes. Runs when TEST_DATABASE_URL is set.
 */
describe.skipIf(!TEST_DATABASE_URL)("Broadcasts from several instances", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setUp() {
    const database = await freshDatabase(TEST_DATABASE_URL as string);
    cleanups.push(database.drop);
    // Telegram's limit 20% above the configured rate, as in production (30/s over 25/s).
    const api = await startFloodLimitedApi({ perSecond: RATE * 1.2, perChatGapMs: 1000 });
    cleanups.push(() => api.close());
    const config = parseConfig({ DATABASE_URL: database.url, BROADCAST_RATE: String(RATE), BROADCAST_IN_FLIGHT: "3" });
    const instance = async () => {
      const stateDir = await mkdtemp(join(tmpdir(), "motcua-instance-"));
      const services = await openApp({ ...config, dataDir: DATA_DIR, stateDir, logger: createLogger("silent") });
      const runner = createBroadcastRunner(services, api.token, api.apiRoot);
      cleanups.push(
        () => rm(stateDir, { recursive: true, force: true }),
        () => services.store.close(),
        () => runner.stop(),
      );
      return { services, runner };
    };
    return { api, a: await instance(), b: await instance() };
  }

  async function aNotice(services: AppServices, id: string, recipients: number[]) {
    await services.store.deliveries.setRecipients(id, recipients);
    const notice = {
      id,
      communeCode: "16855",
      text: `Thông báo ${id}`,
      createdBy: 7,
      createdAt: new Date().toISOString(),
      status: "sending" as const,
    };
    await services.store.notices.add(notice);
    return notice;
  }
  const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
  const duplicates = (received: Map<number, number>) => [...received.values()].reduce((n, c) => n + c - 1, 0);

  it("a notice started on one instance and resumed on the other reaches everyone once", async () => {
    const { api, a, b } = await setUp();
    const notice = await aNotice(a.services, "n1", ids(100_000, 120));
    await Promise.all([a.runner.run(notice), b.runner.resumeAll(), b.runner.run(notice)]);
    expect(api.received.size).toBe(120);
    expect(duplicates(api.received)).toBe(0);
    expect((await b.services.store.notices.get("n1"))?.status).toBe("done");
  }, 30_000);

  it("two notices sent at once by two instances keep one pace together: no 429", async () => {
    const { api, a, b } = await setUp();
    const first = await aNotice(a.services, "n2", ids(200_000, 100));
    const second = await aNotice(b.services, "n3", ids(300_000, 100));
    await Promise.all([a.runner.run(first), b.runner.run(second)]);
    expect(api.received.size).toBe(200);
    expect(api.stats.tooMany).toBe(0);
  }, 30_000);

  it("when the sending instance stops half-way, the other takes the notice over: nobody skipped, nobody twice", async () => {
    const { api, a, b } = await setUp();
    const notice = await aNotice(a.services, "n4", ids(400_000, 120));
    const sending = a.runner.run(notice);
    while (api.stats.accepted < 50) await new Promise((r) => setTimeout(r, 10));
    await a.runner.stop();
    await sending;
    expect(api.received.size).toBeLessThan(120);
    await b.runner.resumeAll();
    while ((await b.services.store.notices.get("n4"))?.status !== "done") await new Promise((r) => setTimeout(r, 50));
    expect(api.received.size).toBe(120);
    expect(duplicates(api.received)).toBe(0);
  }, 30_000);

  it("when the sending instance is killed with SIGKILL, its hold goes with it and another finishes: nobody skipped", async () => {
    const database = await freshDatabase(TEST_DATABASE_URL as string);
    cleanups.push(database.drop);
    const api = await startFloodLimitedApi({ perSecond: 1000, perChatGapMs: 1000 });
    cleanups.push(() => api.close());
    const stateDir = await mkdtemp(join(tmpdir(), "motcua-instance-"));
    cleanups.push(() => rm(stateDir, { recursive: true, force: true }));
    const store = await openPgStore(database.url, stateDir);
    const recipients = ids(500_000, 200);
    await store.deliveries.setRecipients("n5", recipients);
    await store.notices.add({
      id: "n5",
      communeCode: "16855",
      text: "Trung tâm chuyển địa điểm.",
      createdBy: 7,
      createdAt: new Date().toISOString(),
      status: "sending",
    });
    await store.close();
    const instance = async () => {
      const stateDir = await mkdtemp(join(tmpdir(), "motcua-instance-"));
      cleanups.push(() => rm(stateDir, { recursive: true, force: true }));
      const child = spawn(process.execPath, ["--import", "tsx", "tests/support/broadcast-child.ts"], {
        cwd: fileURLToPath(new URL("../..", import.meta.url)),
        env: {
          ...process.env,
          BOT_TOKEN: api.token,
          TELEGRAM_API_ROOT: api.apiRoot,
          STATE_DIR: stateDir,
          DATABASE_URL: database.url,
          BROADCAST_RATE: "100",
          BROADCAST_IN_FLIGHT: "3",
        },
        stdio: "ignore",
      });
      cleanups.push(async () => child.kill("SIGKILL"));
      return { child, exited: new Promise((resolve) => child.once("exit", resolve)) };
    };
    const first = await instance();
    while (api.stats.accepted < 80) await new Promise((r) => setTimeout(r, 10));
    first.child.kill("SIGKILL");
    await first.exited;
    const second = await instance();
    await second.exited;
    expect(recipients.filter((id) => !api.received.has(id))).toEqual([]);
    expect(duplicates(api.received)).toBeLessThanOrEqual(3);
  }, 60_000);
});
