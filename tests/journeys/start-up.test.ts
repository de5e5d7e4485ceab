import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { BotHarness, type LocalBotApi, startLocalBotApi, textsOf } from "../support/bot-harness.ts";
import { DATA_DIR } from "../support/catalog.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const HELP = "Tôi giúp được gì?";
const citizen = { id: 9101, first_name: "Hà", language_code: "vi" };

describe("Start-up goes on when what it does not need fails, and only a live bot holds the state folder", () => {
  let api: LocalBotApi;
  let bot: BotHarness | undefined;
  let stateDir: string;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill("SIGKILL");
    await bot?.stop();
    bot = undefined;
    await api?.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  async function prepare() {
    api = await startLocalBotApi();
    stateDir = await mkdtemp(join(tmpdir(), "motcua-start-"));
  }

  /** The bot in this process on `stateDir`, its warnings collected. */
  async function startBot(env: Record<string, string> = {}) {
    const warnings: Record<string, unknown>[] = [];
    const logger = createLogger("warn", { write: (line: string) => void warnings.push(JSON.parse(line)) });
    bot = await BotHarness.start({ api, stateDir, env, logger });
    return { bot, warnings };
  }

  it("Telegram refusing one admin's menu (chat not found): logged, the other admin's menu is set, and the bot answers", async () => {
    await prepare();
    const chatIs = (id: number) => (payload: Record<string, unknown>) =>
      (payload.scope as { chat_id?: number } | undefined)?.chat_id === id;
    api.failNext("setMyCommands", { error_code: 400, description: "Bad Request: chat not found" }, 1, chatIs(111));
    const { bot, warnings } = await startBot({ ADMIN_IDS: "111,222" });
    expect(warnings).toContainEqual(
      expect.objectContaining({ msg: "could not set a command menu; going on", userId: 111 }),
    );
    const menus = api.calls.filter((c) => c.method === "setMyCommands" && chatIs(222)(c.payload));
    expect(menus.map((c) => c.response.ok)).toEqual([true, true]);
    expect(textsOf(await bot.say(citizen, "/help"))[0]).toContain(HELP);
  });

  it("Telegram refusing the citizens' menu: logged, and the bot answers", async () => {
    await prepare();
    api.failNext("setMyCommands", { error_code: 400, description: "Bad Request: BOT_COMMAND_INVALID" });
    const { bot, warnings } = await startBot();
    expect(warnings).toContainEqual(expect.objectContaining({ msg: "could not set the command menu; going on" }));
    expect(textsOf(await bot.say(citizen, "/help"))[0]).toContain(HELP);
  });

  it("a lock naming pid 1, always running but not a bot (a restarted container reuses pids), does not block start-up", async () => {
    await prepare();
    await writeFile(join(stateDir, "bot.pid"), "1\n");
    const { bot } = await startBot();
    expect(textsOf(await bot.say(citizen, "/help"))[0]).toContain(HELP);
  });

  it("a lock naming a running process that started at another time (its pid reused) does not block start-up", async () => {
    await prepare();
    const other = spawn("sleep", ["60"]);
    children.push(other);
    await writeFile(
      join(stateDir, "bot.pid"),
      JSON.stringify({ pid: other.pid, startedAt: "1", bootId: "an-earlier-boot" }),
    );
    const { bot } = await startBot();
    expect(textsOf(await bot.say(citizen, "/help"))[0]).toContain(HELP);
  });

  it("a second bot on the folder of a running one is refused, naming the first one's pid", async () => {
    await prepare();
    const first = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.apiRoot,
        STATE_DIR: stateDir,
        DATA_DIR,
        DATABASE_URL: "",
        LOG_LEVEL: "silent",
      },
      stdio: "ignore",
    });
    children.push(first);
    // Its last step before polling (a long poll is listed only once answered).
    await api.waitForCall((c) => c.method === "deleteWebhook", { timeoutMs: 15_000 });
    await expect(startBot()).rejects.toThrow(`another bot (pid ${first.pid}) is already running on ${stateDir}`);
  }, 30_000);
});
