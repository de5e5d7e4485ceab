import { afterEach, describe, expect, it } from "vitest";
import { startWebhookBotProcess, type WebhookBotProcess } from "../../src/cli/selfcheck/webhook-bot.ts";
import {
  health,
  idleFlood,
  malformedUpdate,
  oversizedUpdate,
  strangerPosts,
} from "../../src/cli/selfcheck/webhook-probes.ts";
import { DATA_DIR } from "../support/catalog.ts";
import { textUpdate } from "../support/updates.ts";

/**
 * The bot as deployed, in webhook mode, in a process of its own (so that "it is still alive"
 * means something), probed over real HTTP on 127.0.0.1 as someone who found its URL would.
 */
describe("A webhook probed by strangers stays up and keeps serving Telegram", () => {
  let bot: WebhookBotProcess | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  const start = async (options: { maxConnections?: number; fileLimit?: number } = {}) => {
    bot = await startWebhookBotProcess({
      dataDir: DATA_DIR,
      maxConnections: options.maxConnections ?? 200,
      ...options,
    });
    return bot;
  };

  /** A citizen's /help, posted as Telegram posts it: 200, and the help goes out. */
  async function stillAnswers(b: WebhookBotProcess, updateId: number): Promise<void> {
    const before = b.api.calls.length;
    expect(await b.api.deliver(b.hookUrl, textUpdate(updateId, "/help"), b.secret)).toBe(200);
    const replies = b.api.calls.slice(before).filter((c) => c.method === "sendMessage" && c.response.ok);
    expect(replies.map((c) => String(c.payload.text))).toEqual([expect.stringContaining("Tôi giúp được gì?")]);
  }

  it("100 POSTs without the secret, with empty or non-JSON bodies: 100 times 401, and the process lives on", async () => {
    const b = await start();
    const outcomes = await strangerPosts(b.hookUrl, 100);
    expect(outcomes).toEqual(Array(100).fill(401));
    expect(b.alive()).toBe(true);
    expect(await health(b.base)).toBe(200);
    await stillAnswers(b, 1);
  }, 60_000);

  it("a body with the secret that is not an update: 400, and the process lives on", async () => {
    const b = await start();
    expect(await malformedUpdate(b.hookUrl, b.secret)).toBe(400);
    expect(b.alive()).toBe(true);
    await stillAnswers(b, 2);
  }, 60_000);

  it("a 5 MB update with the secret: 413, not read, and the process lives on", async () => {
    const b = await start();
    expect(await oversizedUpdate(b.hookUrl, b.secret, 5 * 1_048_576)).toBe(413);
    expect(b.alive()).toBe(true);
    await stillAnswers(b, 3);
  }, 60_000);

  it("a flood of idle connections past the cap and the open-file limit: /health and Telegram's updates are still served", async () => {
    // 300 silent connections against a process allowed 128 open files: uncapped, they use up
    // its descriptors and nothing more is accepted.
    const b = await start({ maxConnections: 24, fileLimit: 128 });
    const flood = await idleFlood(Number(new URL(b.base).port), 300);
    try {
      expect(await health(b.base)).toBe(200);
      await stillAnswers(b, 4);
      expect(await flood.closedByServer(300 - 24)).toBeGreaterThanOrEqual(300 - 24);
    } finally {
      flood.end();
    }
  }, 60_000);
});
