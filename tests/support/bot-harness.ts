import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { afterEach } from "vitest";
import { type AppServices, openApp } from "../../src/app.ts";
import { type LaunchedBot, launchBot } from "../../src/bot/launch.ts";
import { parseConfig } from "../../src/config.ts";
import {
  type ApiCall,
  type LocalBotApi,
  type SentFile,
  startLocalBotApi,
  type TestUser,
} from "../../src/local-bot-api/index.ts";
import { createLogger, type Logger } from "../../src/logger.ts";
import { DATA_DIR } from "./catalog.ts";

export type { ApiCall, LocalBotApi, TestUser };
export { startLocalBotApi };

/**
 * A citizen's side of a chat with whatever bot polls `api`: `say` and `tap` send one update and
 * resolve, once the bot has handled it, with the calls it made meanwhile.
 */
export class ChatDriver {
  /**
   * @param handled how many updates the bot has handled, when it runs in this process; without
   * it, an update counts as handled once the bot has confirmed it (it polls in batches and
   * confirms a batch only once all of it is handled).
   */
  constructor(
    readonly api: LocalBotApi,
    private readonly handled: () => number = () => Number.POSITIVE_INFINITY,
  ) {}

  /** The citizen sends a text; resolves with the calls the bot made while handling it. */
  say(user: TestUser, text: string): Promise<ApiCall[]> {
    return this.act(() => this.api.sendText(user, text));
  }

  /** The citizen taps the button with `data` on the bot's message `messageId`. */
  tap(user: TestUser, messageId: number, data: string): Promise<ApiCall[]> {
    return this.act(() => this.api.pressButton(user, messageId, data));
  }

  /** Taps the button whose label contains `label` on the latest keyboard sent to the user. */
  async tapLabel(user: TestUser, label: string): Promise<ApiCall[]> {
    const keyboard = this.api.lastKeyboard(user.id);
    const button = keyboard?.buttons.flat().find((b) => b.text.includes(label));
    if (!keyboard || !button?.data) {
      throw new Error(`no button "${label}" in ${JSON.stringify(keyboard?.buttons.flat().map((b) => b.text))}`);
    }
    return this.tap(user, keyboard.messageId, button.data);
  }

  /** The user types "@bot `query`" in some chat; resolves with the bot's calls (its answerInlineQuery). */
  inlineQuery(user: TestUser, query: string): Promise<ApiCall[]> {
    return this.act(() => this.api.inlineQuery(user, query));
  }

  /** The user sends a file as a document. */
  sendDocument(user: TestUser, file: SentFile): Promise<ApiCall[]> {
    return this.act(() => this.api.sendDocument(user, file));
  }

  shareLocation(user: TestUser, lat: number, lon: number): Promise<ApiCall[]> {
    return this.act(() => this.api.shareLocation(user, lat, lon));
  }

  /** Any update, e.g. a sticker or an edited message. */
  push(update: Omit<Update, "update_id">): Promise<ApiCall[]> {
    return this.act(() => this.api.pushUpdate(update));
  }

  /** A button press with any data, as a forged or stale client might send. */
  pushCallback(user: TestUser, data: string): Promise<ApiCall[]> {
    const from = {
      id: user.id,
      is_bot: false,
      first_name: user.first_name ?? "",
      ...(user.language_code ? { language_code: user.language_code } : {}),
    };
    return this.push({ callback_query: { id: `forged-${Date.now()}`, from, chat_instance: "1", data } });
  }

  /**
   * Sends one update and waits until the bot has handled it, and every update sent before it
   * (a batch's updates are handled concurrently: one being fetched says nothing of the others).
   */
  protected async act(send: () => unknown): Promise<ApiCall[]> {
    const from = this.api.calls.length;
    const target = this.handled() + this.api.pendingUpdates() + 1;
    send();
    // The bot waits before polling again after an error: leave room for a few retries.
    const deadline = Date.now() + 15_000;
    while (this.api.pendingUpdates() > 0 || this.handled() < target) {
      if (Date.now() > deadline) throw new Error("the bot did not handle the update within 15 s");
      await new Promise((r) => setTimeout(r, 5));
    }
    return this.api.calls.slice(from).filter((c) => c.method !== "getUpdates");
  }
}

/**
 * The real bot, long polling our local Bot API over HTTP on 127.0.0.1, with its state in a
 * temporary folder. `say` and `tap` act as a citizen and return what the bot sent back.
 */
export class BotHarness extends ChatDriver {
  private constructor(
    api: LocalBotApi,
    readonly services: AppServices,
    readonly stateDir: string,
    private readonly launched: LaunchedBot,
    private readonly env: Record<string, string>,
  ) {
    super(api, () => launched.tracker.handled);
  }

  /** @param env environment variables as a deployment would set them (dossier code format, limits, TELEGRAM_TIMEOUT_SECONDS...) */
  static async start(
    options: {
      stateDir?: string;
      dataDir?: string;
      api?: LocalBotApi;
      env?: Record<string, string>;
      logger?: Logger;
    } = {},
  ): Promise<BotHarness> {
    const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), "motcua-state-")));
    const api = options.api ?? (await startLocalBotApi());
    const env = options.env ?? {};
    const { dossiers, adminIds, broadcast, telegramTimeoutSeconds, databaseUrl, imports } = parseConfig(env);
    const logger = options.logger ?? createLogger("silent");
    const services = await openApp({
      dataDir: options.dataDir ?? DATA_DIR,
      stateDir,
      defaultLocale: "vi",
      logger,
      dossiers,
      adminIds,
      broadcast,
      imports,
      ...(databaseUrl ? { databaseUrl } : {}),
    });
    const launched = await launchBot(services, {
      token: api.token,
      apiRoot: api.apiRoot,
      botInfo: api.botInfo,
      timeoutSeconds: telegramTimeoutSeconds,
      backgroundIntervalMs: 50,
    });
    return new BotHarness(api, services, stateDir, launched, env);
  }

  /** Makes `user` staff of `communeCode`, as an administrator's /grant would. */
  grantStaff(user: { id: number }, communeCode: string): Promise<void> {
    return this.services.store.staff.grant({
      userId: user.id,
      communeCode,
      grantedBy: 1,
      grantedAt: new Date().toISOString(),
    });
  }

  get bot() {
    return this.launched.bot;
  }

  /** Imports, notifications, pruning: as main.ts runs them. */
  get background() {
    return this.launched.background;
  }

  get broadcasts() {
    return this.launched.broadcasts;
  }

  /** Stops this bot and starts a new one on the same state, configuration and chat history. */
  async restart(): Promise<BotHarness> {
    await this.launched.stop();
    return BotHarness.start({ stateDir: this.stateDir, api: this.api, env: this.env });
  }

  /** Stops the bot and the local API; the state folder stays. */
  async stop(): Promise<void> {
    await this.launched.stop();
    await this.api.close();
  }

  async removeState(): Promise<void> {
    await rm(this.stateDir, { recursive: true, force: true });
  }
}

/** Texts of the messages in `calls` (sent and edited). */
export const textsOf = (calls: ApiCall[]): string[] =>
  calls.filter((c) => c.method === "sendMessage" || c.method === "editMessageText").map((c) => String(c.payload.text));

/**
 * A bot for each test of a file: `start` launches one (with deployment variables), `restart`
 * replaces it on the same state; after each test it is stopped and its state removed.
 */
export function botPerTest() {
  let current: BotHarness | undefined;
  afterEach(async () => {
    await current?.stop();
    await current?.removeState();
    current = undefined;
  });
  return {
    start: async (env?: Record<string, string>) => (current = await BotHarness.start(env ? { env } : {})),
    /** With any of BotHarness.start's options (a logger to read, a state folder...). */
    startWith: async (options: Parameters<typeof BotHarness.start>[0]) => (current = await BotHarness.start(options)),
    /** A bot on another data folder (a copy of data/ with a file added). */
    startWithData: async (dataDir: string) => (current = await BotHarness.start({ dataDir })),
    restart: async (bot: BotHarness) => (current = await bot.restart()),
  };
}
