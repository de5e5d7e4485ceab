/**
 * Several instances behind a load balancer: the bot started N times (src/main.ts, webhook mode,
 * one PostgreSQL database), a round-robin proxy in front, and a driver playing Telegram: it posts
 * each user's updates one after the other (re-sending an update on an error, as Telegram does),
 * many users at once. Optionally one instance is killed with SIGKILL part-way.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startLocalBotApi } from "../src/cli/local-bot-api/index.ts";
import { freshDatabase } from "../tests/support/postgres.ts";
import { textUpdate } from "../tests/support/updates.ts";
import { round } from "./stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SECRET = "bench-secret-token-0123456789";
const USERS = 1000;
/** Each gets exactly one message back. */
const TEXTS = ["/help", "lam giay khai sinh", "/fields"];
/** Requests Telegram keeps open to one bot at once (its max_connections is 40 by default). */
const CONNECTIONS = 40;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startInstance(env: Record<string, string>, port: number, stateDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), STATE_DIR: stateDir, LOG_LEVEL: "silent" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false);
    if (ready) return child;
    await sleep(100);
  }
}

/** Round robin over the instances; one that refuses the connection is skipped, as a balancer's health check would. */
function startProxy(ports: number[]): Promise<Server> {
  let next = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const tryFrom = (attempt: number) => {
        if (attempt >= ports.length) return void res.writeHead(502).end();
        const port = ports[next++ % ports.length] as number;
        const upstream = request({ port, method: req.method, path: req.url, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 502);
          r.pipe(res);
        });
        upstream.on("error", () => tryFrom(attempt + 1));
        upstream.end(body);
      };
      tryFrom(0);
    });
  });
  return new Promise((resolve) => server.listen(0, () => resolve(server)));
}

/** Posts an update until the bot accepts it, as Telegram does. */
async function deliver(proxyPort: number, update: unknown): Promise<void> {
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${proxyPort}/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(update),
    }).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(200);
  }
}

/** One run: `count` instances; `kill` one of them after that share of the updates. */
async function runInstances(databaseUrl: string, count: number, kill?: number) {
  const database = await freshDatabase(databaseUrl);
  const api = await startLocalBotApi();
  const env = { BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_URL: database.url, WEBHOOK_URL: "https://bot.example.gov.vn/hook", WEBHOOK_SECRET: SECRET, LOOKUP_HASH_SECRET: "bench" };
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const ports = Array.from({ length: count }, (_, i) => 18_600 + i);
  try {
    for (const port of ports) {
      const dir = await mkdtemp(join(tmpdir(), "motcua-instance-"));
      dirs.push(dir);
      children.push(await startInstance(env, port, dir));
    }
    const proxy = await startProxy(ports);
    const proxyPort = (proxy.address() as AddressInfo).port;
    const total = USERS * TEXTS.length;
    let posted = 0;
    let killed = false;
    const users = Array.from({ length: USERS }, (_, i) => 80_000 + i);
    const started = performance.now();
    const worker = async () => {
      for (let chat = users.shift(); chat !== undefined; chat = users.shift()) {
        for (const [k, text] of TEXTS.entries()) {
          await deliver(proxyPort, textUpdate(chat * 10 + k, text, chat));
          posted++;
          if (kill !== undefined && !killed && posted >= total * kill) {
            killed = true;
            children[count - 1]?.kill("SIGKILL");
          }
        }
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    const seconds = (performance.now() - started) / 1000;
    await sleep(500);
    proxy.close();
    const got = new Map<number, number>();
    for (const c of api.calls) if (c.method === "sendMessage" && c.response?.ok) got.set(Number(c.payload.chat_id), (got.get(Number(c.payload.chat_id)) ?? 0) + 1);
    let lost = 0;
    let doubled = 0;
    for (let i = 0; i < USERS; i++) {
      const n = got.get(80_000 + i) ?? 0;
      lost += Math.max(0, TEXTS.length - n);
      doubled += Math.max(0, n - TEXTS.length);
    }
    return { instances: count, killedOne: kill !== undefined, updates: total, seconds: round(seconds, 2), perSecond: Math.round(total / seconds), lost, doubled };
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await sleep(500);
    await api.close();
    await database.drop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}

/**
 * One instance, three, and three with one killed after 40% of the updates, on the database at
 * `databaseUrl` (each run in a fresh schema of its own).
 */
export async function benchInstances(databaseUrl: string) {
  return {
    one: await runInstances(databaseUrl, 1),
    three: await runInstances(databaseUrl, 3),
    threeOneKilled: await runInstances(databaseUrl, 3, 0.4),
  };
}
