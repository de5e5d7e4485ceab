import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type LocalBotApi, startLocalBotApi } from "../../local-bot-api/index.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const HOOK_PATH = "/telegram/hook";

export interface WebhookBotOptions {
  dataDir: string;
  /** WEBHOOK_MAX_CONNECTIONS of the bot. */
  maxConnections: number;
  /** The process's limit on open files (`ulimit -n`): a small one shows what a flood exhausts. */
  fileLimit?: number;
}

/** The bot as deployed (`npm start`) in webhook mode, in a process of its own. */
export interface WebhookBotProcess {
  /** The fake Telegram it talks to. */
  readonly api: LocalBotApi;
  /** The bot's HTTP server, e.g. http://127.0.0.1:40123 (/health, /ready). */
  readonly base: string;
  /** Where Telegram posts updates. */
  readonly hookUrl: string;
  readonly secret: string;
  /** Whether the process is still running. */
  alive(): boolean;
  /** Kills it, stops the fake Telegram and removes the state folder. */
  stop(): Promise<void>;
}

/**
 * Starts src/main.ts in webhook mode against a fake Telegram, both on 127.0.0.1, in a fresh
 * state folder; resolves once it serves (its "receiving updates" log line gives the port).
 */
export async function startWebhookBotProcess(options: WebhookBotOptions): Promise<WebhookBotProcess> {
  const api = await startLocalBotApi();
  const stateDir = await mkdtemp(join(tmpdir(), "motcua-selfcheck-"));
  const secret = randomBytes(24).toString("base64url");
  const env = {
    ...process.env,
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    WEBHOOK_URL: `https://selfcheck.invalid${HOOK_PATH}`,
    WEBHOOK_SECRET: secret,
    WEBHOOK_MAX_CONNECTIONS: String(options.maxConnections),
    PORT: "0",
    STATE_DIR: stateDir,
    DATA_DIR: options.dataDir,
    DATABASE_URL: "",
    LOG_LEVEL: "info",
  };
  const node = [process.execPath, "--import", "tsx", "src/main.ts"];
  // `ulimit` is a shell builtin: the shell lowers the limit, then becomes node.
  const [command = "", ...args] = options.fileLimit
    ? ["/bin/sh", "-c", 'ulimit -n "$0" && exec "$@"', String(options.fileLimit), ...node]
    : node;
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    }
    await api.close();
    await rm(stateDir, { recursive: true, force: true });
  };
  try {
    const port = await servingPort(child);
    const base = `http://127.0.0.1:${port}`;
    return {
      api,
      base,
      hookUrl: `${base}${HOOK_PATH}`,
      secret,
      alive: () => child.exitCode === null && child.signalCode === null,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The port from the bot's "receiving updates" log line; rejects if it exits or stays silent. */
function servingPort(child: ChildProcess): Promise<number> {
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start within 30 s\n${stderr}`)), 30_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (code ${code}) before serving\n${stderr}`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      const port = portIn(line);
      if (port === undefined) return;
      clearTimeout(timer);
      resolve(port);
    });
  });
}

function portIn(line: string): number | undefined {
  try {
    const entry = JSON.parse(line) as { msg?: string; port?: number };
    return entry.msg === "receiving updates" ? entry.port : undefined;
  } catch {
    return undefined;
  }
}
