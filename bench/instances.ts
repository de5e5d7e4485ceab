/**
 * Several instances behind a load balancer: the bot started N times (src/main.ts, webhook mode,
 * one PostgreSQL database), a round-robin proxy in front, and a driver playing Telegram: it posts
 * each user's updates one after the other (re-sending an update on an error, as Telegram does,
 * and carrying out the call the bot put in its answer), many users at once. Optionally one
 * instance is killed with SIGKILL part-way, and each instance limited to a share of a core (a
 * cgroup, as a container's `cpus:`): on a machine of few cores, uncapped instances only compete
 * for the same cores, so what adding instances brings shows only when each has CPU of its own.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type LocalBotApi, startLocalBotApi } from "../src/local-bot-api/index.ts";
import { freshDatabase } from "../tests/support/postgres.ts";
import { textUpdate } from "../tests/support/updates.ts";
import { botCommand } from "./bot-command.ts";
import { type CpuCap, cpuCap, machineCpu } from "./cpu-cap.ts";
import { round } from "./stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SECRET = "bench-secret-token-0123456789";
const USERS = 1000;
/** Each gets exactly one message back. */
const TEXTS = ["/help", "lam giay khai sinh", "/fields"];
/** Requests Telegram keeps open to one bot at once (its max_connections is 40 by default). */
const CONNECTIONS = 40;
/** Each instance's CPU when capped: three of them plus PostgreSQL and this driver fit in 2 cores. */
const CPUS_PER_INSTANCE = 0.3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startInstance(
  env: Record<string, string>,
  port: number,
  stateDir: string,
  cap?: CpuCap,
): Promise<ChildProcess> {
  const command = botCommand(ROOT);
  const [file = "", ...args] = cap ? cap.prefix(command) : command;
  const child = spawn(file, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), STATE_DIR: stateDir, LOG_LEVEL: "silent" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (r) => r.ok,
      () => false,
    );
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
async function deliver(api: LocalBotApi, proxyPort: number, update: unknown): Promise<void> {
  for (;;) {
    const status = await api.deliver(`http://127.0.0.1:${proxyPort}/hook`, update, SECRET).catch(() => 0);
    if (status >= 200 && status < 300) return;
    await sleep(200);
  }
}

interface RunOptions {
  /** Kill one instance after this share of the updates. */
  kill?: number;
  /** Limit each instance to this share of a core. */
  cpus?: number;
}

/** One run of `count` instances. */
async function runInstances(databaseUrl: string, count: number, options: RunOptions = {}) {
  const { kill, cpus } = options;
  const database = await freshDatabase(databaseUrl);
  const api = await startLocalBotApi();
  const env = {
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATABASE_URL: database.url,
    WEBHOOK_URL: "https://bot.example.gov.vn/hook",
    WEBHOOK_SECRET: SECRET,
    LOOKUP_HASH_SECRET: "bench-pseudonym-key-of-32-bytes-or-more",
  };
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const caps: CpuCap[] = [];
  const ports = Array.from({ length: count }, (_, i) => 18_600 + i);
  try {
    for (const port of ports) {
      const dir = await mkdtemp(join(tmpdir(), "motcua-instance-"));
      dirs.push(dir);
      const cap = cpus === undefined ? undefined : cpuCap(`motcua-bench-${port}`, cpus);
      if (cap) caps.push(cap);
      children.push(await startInstance(env, port, dir, cap));
    }
    const proxy = await startProxy(ports);
    const proxyPort = (proxy.address() as AddressInfo).port;
    const total = USERS * TEXTS.length;
    let posted = 0;
    let killed = false;
    const users = Array.from({ length: USERS }, (_, i) => 80_000 + i);
    const started = performance.now();
    const cpuBefore = machineCpu();
    const worker = async () => {
      for (let chat = users.shift(); chat !== undefined; chat = users.shift()) {
        for (const [k, text] of TEXTS.entries()) {
          await deliver(api, proxyPort, textUpdate(chat * 10 + k, text, chat));
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
    const cpuAfter = machineCpu();
    const machineBusy = round((cpuAfter.busy - cpuBefore.busy) / (cpuAfter.total - cpuBefore.total), 2);
    await sleep(500);
    proxy.close();
    const got = new Map<number, number>();
    for (const c of api.calls)
      if (c.method === "sendMessage" && c.response?.ok)
        got.set(Number(c.payload.chat_id), (got.get(Number(c.payload.chat_id)) ?? 0) + 1);
    let lost = 0;
    let doubled = 0;
    for (let i = 0; i < USERS; i++) {
      const n = got.get(80_000 + i) ?? 0;
      lost += Math.max(0, TEXTS.length - n);
      doubled += Math.max(0, n - TEXTS.length);
    }
    const answeredInWebhook = api.calls.filter((c) => c.inWebhookAnswer).length;
    return {
      instances: count,
      killedOne: kill !== undefined,
      cpusEach: caps.length === count ? cpus : "all",
      updates: total,
      seconds: round(seconds, 2),
      perSecond: Math.round(total / seconds),
      machineBusy,
      lost,
      doubled,
      answeredInWebhook,
    };
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await sleep(500);
    await api.close();
    await database.drop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    for (const cap of caps) cap.remove();
  }
}

/**
 * On the database at `databaseUrl` (each run in a fresh schema of its own): one instance and
 * three, uncapped; then, where cgroups can be made, one and three each capped at
 * CPUS_PER_INSTANCE, and three capped with one killed after 40% of the updates (uncapped where
 * no cgroup can be made).
 */
export async function benchInstances(databaseUrl: string) {
  const one = await runInstances(databaseUrl, 1);
  const three = await runInstances(databaseUrl, 3);
  const probe = cpuCap("motcua-bench-probe", CPUS_PER_INSTANCE);
  probe?.remove();
  const cpus = probe ? CPUS_PER_INSTANCE : undefined;
  return {
    uncapped: { one, three },
    capped: probe
      ? { one: await runInstances(databaseUrl, 1, { cpus }), three: await runInstances(databaseUrl, 3, { cpus }) }
      : null,
    threeOneKilled: await runInstances(databaseUrl, 3, { kill: 0.4, ...(cpus ? { cpus } : {}) }),
  };
}
