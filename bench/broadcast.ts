import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openLowStore } from "../src/store/lowdb/index.ts";
import { startFloodLimitedApi } from "../tests/support/flood-limited-api.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SUBSCRIBERS = 5_000;
/** The interrupted runs only need to show who is skipped or doubled: fewer recipients. */
const INTERRUPTED_SUBSCRIBERS = 2_000;
const RATE = 100;
/** Like Telegram (about 30/s) above the default BROADCAST_RATE (25/s): the fake allows 20% more. */
const SERVER_LIMIT = RATE * 1.2;
const IN_FLIGHT = 3;

async function prepare(subscribers: number): Promise<string> {
  const stateDir = await mkdtemp(join(tmpdir(), "motcua-bench-bc-"));
  const store = await openLowStore(stateDir);
  const ids = Array.from({ length: subscribers }, (_, i) => 100_000 + i);
  await store.deliveries.setRecipients("bench", ids);
  await store.notices.add({
    id: "bench",
    communeCode: "20044",
    text: "Trung tâm chuyển địa điểm.",
    createdBy: 1,
    createdAt: new Date().toISOString(),
    status: "sending",
  });
  return stateDir;
}

/** Runs the broadcast runner in a child process; stops it with `signal` after `after` messages. */
async function runChild(
  api: Awaited<ReturnType<typeof startFloodLimitedApi>>,
  stateDir: string,
  stop?: { after: number; signal: NodeJS.Signals },
) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/broadcast-child.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      STATE_DIR: stateDir,
      BROADCAST_RATE: String(RATE),
      BROADCAST_IN_FLIGHT: String(IN_FLIGHT),
    },
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  if (stop) {
    while (api.stats.accepted < stop.after) await new Promise((r) => setTimeout(r, 5));
    child.kill(stop.signal);
  }
  await exited;
}

/** One scenario: all subscribers, optionally interrupted half-way by a graceful or hard stop. */
async function scenario(label: string, subscribers: number, stop?: NodeJS.Signals) {
  const stateDir = await prepare(subscribers);
  const api = await startFloodLimitedApi({ perSecond: SERVER_LIMIT, perChatGapMs: 1000 });
  try {
    await runChild(api, stateDir, stop ? { after: subscribers / 2, signal: stop } : undefined);
    if (stop) await runChild(api, stateDir);
    const counts = [...api.received.values()];
    const seconds = (api.stats.lastAt - api.stats.firstAt) / 1000;
    return {
      scenario: label,
      subscribers,
      configuredRate: RATE,
      serverLimit: SERVER_LIMIT,
      achievedRate: stop ? null : Math.round(api.stats.accepted / seconds),
      tooMany429: api.stats.tooMany,
      reached: api.received.size,
      skipped: subscribers - api.received.size,
      duplicates: counts.reduce((n, c) => n + c - 1, 0),
      inFlightWindow: IN_FLIGHT,
    };
  } finally {
    await api.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** The paced rate, measured `runs` times (medians are taken by the caller). */
export async function benchBroadcastRate() {
  return scenario("uninterrupted", SUBSCRIBERS);
}

/** Who is skipped or doubled when the sender is stopped half-way: counts, one run each. */
export async function benchBroadcastInterrupted() {
  return [
    await scenario("graceful restart half-way", INTERRUPTED_SUBSCRIBERS, "SIGTERM"),
    await scenario("hard kill half-way", INTERRUPTED_SUBSCRIBERS, "SIGKILL"),
  ];
}
