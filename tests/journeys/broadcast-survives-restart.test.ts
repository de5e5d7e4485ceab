import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { openLowStore } from "../../src/store/lowdb/index.ts";
import { startFloodLimitedApi } from "../support/flood-limited-api.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const RECIPIENTS = Array.from({ length: 200 }, (_, i) => 50_000 + i);
const IN_FLIGHT = 3;

/** A notice confirmed by staff and not yet sent, as the bot leaves it in STATE_DIR. */
async function confirmedNotice(stateDir: string) {
  const store = await openLowStore(stateDir);
  for (const id of RECIPIENTS) await store.users.update(id, { communeCode: "20044", notices: true });
  await store.deliveries.setRecipients("n1", RECIPIENTS);
  await store.notices.add({
    id: "n1",
    communeCode: "20044",
    text: "Trung tâm chuyển địa điểm.",
    createdBy: 1,
    createdAt: new Date().toISOString(),
    status: "sending",
  });
}

describe("A broadcast interrupted in the middle", () => {
  let stateDir: string;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    child?.kill("SIGKILL");
    await rm(stateDir, { recursive: true, force: true });
  });

  async function run(
    api: Awaited<ReturnType<typeof startFloodLimitedApi>>,
    stop?: { after: number; signal: NodeJS.Signals },
  ) {
    const proc = spawn(process.execPath, ["--import", "tsx", "tests/support/broadcast-child.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.apiRoot,
        STATE_DIR: stateDir,
        BROADCAST_RATE: "100",
        BROADCAST_IN_FLIGHT: String(IN_FLIGHT),
      },
      stdio: "ignore",
    });
    child = proc;
    const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
    if (stop) {
      while (api.stats.accepted < stop.after) await new Promise((r) => setTimeout(r, 10));
      proc.kill(stop.signal);
    }
    return exited;
  }

  const duplicates = (received: Map<number, number>) => [...received.values()].reduce((n, c) => n + (c - 1), 0);

  it("after a graceful restart, continues: nobody skipped, nobody twice", async () => {
    stateDir = await mkdtemp(join(tmpdir(), "motcua-bc-"));
    await confirmedNotice(stateDir);
    const api = await startFloodLimitedApi({ perSecond: 1000, perChatGapMs: 1000 });
    expect(await run(api, { after: 60, signal: "SIGTERM" })).toBe(0);
    expect(api.received.size).toBeGreaterThanOrEqual(60);
    expect(api.received.size).toBeLessThan(RECIPIENTS.length);
    expect(await run(api)).toBe(0);
    await api.close();
    expect(RECIPIENTS.filter((id) => !api.received.has(id))).toEqual([]);
    expect(duplicates(api.received)).toBe(0);
    expect((await (await openLowStore(stateDir)).notices.get("n1"))?.status).toBe("done");
  });

  it("after a hard kill, continues: nobody skipped, duplicates only within the in-flight window", async () => {
    stateDir = await mkdtemp(join(tmpdir(), "motcua-bc-"));
    await confirmedNotice(stateDir);
    const api = await startFloodLimitedApi({ perSecond: 1000, perChatGapMs: 1000 });
    await run(api, { after: 80, signal: "SIGKILL" });
    expect(await run(api)).toBe(0);
    await api.close();
    expect(RECIPIENTS.filter((id) => !api.received.has(id))).toEqual([]);
    expect(duplicates(api.received)).toBeLessThanOrEqual(IN_FLIGHT);
  });
});
