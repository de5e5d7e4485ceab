import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Update } from "grammy/types";
import { type LocalBotApi, startLocalBotApi, type TestUser } from "../src/local-bot-api/index.ts";
import { botCommand, withBotFlags } from "./bot-command.ts";
import { round } from "./stats.ts";

const USERS = 200;
const usersFrom = (firstId: number): TestUser[] =>
  Array.from({ length: USERS }, (_, i) => ({ id: firstId + i, first_name: "U", language_code: "vi" }));
/** Other users go through the same steps first, untimed: a bot runs for days, its code is warm. */
const warmUp = usersFrom(50_000);
const users = usersFrom(60_000);
const root = fileURLToPath(new URL("..", import.meta.url));

type Mode = "polling" | "webhook";
const SECRET = "bench-webhook-secret-0123456789";

/** A port nobody uses now, for a bot's webhook server. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** How updates reach the bot: it polls them, or Telegram posts each to its webhook. */
interface Delivery {
  env: Record<string, string>;
  ready(api: LocalBotApi): Promise<void>;
  /** Resolves once the bot has answered the request (polling: at once, the bot fetches it). */
  send(api: LocalBotApi, update: Update): Promise<unknown>;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function delivery(mode: Mode): Promise<Delivery> {
  if (mode === "polling") {
    return {
      env: {},
      // A long poll is held open (its call is recorded only when answered).
      ready: async (api) => {
        while (api.inProgress("getUpdates") === 0) await pause(20);
      },
      send: async () => undefined,
    };
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/hook`;
  return {
    env: { WEBHOOK_URL: url, WEBHOOK_SECRET: SECRET, PORT: String(port), WEBHOOK_MAX_CONNECTIONS: "1000" },
    ready: async () => {
      while (
        !(await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.ok,
          () => false,
        ))
      )
        await pause(20);
    },
    send: (api, update) => api.deliver(url, update, SECRET),
  };
}

/**
 * A bot in its own process, as in production, so that its CPU is its own: the fake Telegram
 * (and this driver) run in the bench's process, as Telegram runs on other machines.
 */
async function startBot(api: LocalBotApi, command: string[], env: Record<string, string>, via: Delivery) {
  const [node = "", ...args] = command;
  const child = spawn(node, args, {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      ...via.env,
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await via.ready(api);
  return child;
}

/** CPU time (user + system) the bot's process has used so far, in ms: what an update costs it, whatever else the machine runs. */
async function cpuMs(child: ChildProcess): Promise<number> {
  const fields = (await readFile(`/proc/${child.pid}/stat`, "utf8")).split(") ")[1]?.split(" ") ?? [];
  // utime and stime are fields 14 and 15 of stat (11 and 12 after the name), in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function stopBot(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** The most memory the bot's process has held (VmHWM), in MB. */
async function peakRssMB(child: ChildProcess): Promise<number> {
  const kB = /VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${child.pid}/status`, "utf8"))?.[1];
  return Math.round(Number(kB) / 1024);
}

/**
 * Bot API methods the bot had carried out besides polling, by method: over HTTP, and put in its
 * answers to webhook requests (Telegram carries those out without a request of the bot's).
 */
const counted = { http: new Map<string, number>(), inAnswer: new Map<string, number>() };
const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** Every user does one step at once; resolves with the updates sent once each got its answer. */
async function step(api: LocalBotApi, act: (u: TestUser) => Update | undefined, users: TestUser[], via: Delivery) {
  let answered = 0;
  // Every step of both bots ends with one message to the user, sent or edited in: the answer.
  const stopCounting = api.onCall((c) => {
    if ((c.method === "sendMessage" || c.method === "editMessageText") && c.response?.ok) answered++;
    if (c.method !== "getUpdates") bump(c.inWebhookAnswer ? counted.inAnswer : counted.http, c.method);
  });
  const requests: Promise<unknown>[] = [];
  for (const u of users) {
    const update = act(u);
    if (update) requests.push(via.send(api, update));
  }
  await Promise.all(requests);
  while (answered < users.length) await pause(2);
  stopCounting();
  return users.length;
}

const tap = (api: LocalBotApi, label: string) => (u: TestUser) => {
  const keyboard = api.lastKeyboard(u.id);
  const button = keyboard?.buttons.flat().find((b) => b.text.includes(label));
  return keyboard && button?.data ? api.pressButton(u, keyboard.messageId, button.data) : undefined;
};

/** A user's action: the update it makes (in the fake's queue, which a webhook bot never polls). */
type Step = (api: LocalBotApi) => (u: TestUser) => Update | undefined;

/**
 * Runs `steps` against a bot started with `args`, its updates delivered as `mode` says: updates
 * per second from first send to last answer, overall and for the steps of each kind, and the
 * Bot API requests and methods per update.
 */
async function measure(
  name: string,
  mode: Mode,
  command: string[],
  steps: { kind: string; step: Step }[],
  env: Record<string, string> = {},
) {
  const api = await startLocalBotApi();
  const via = await delivery(mode);
  const child = await startBot(api, command, env, via);
  for (const { step: act } of steps) await step(api, act(api), warmUp, via);
  const byKind = new Map<string, { updates: number; ms: number }>();
  counted.http.clear();
  counted.inAnswer.clear();
  const cpuBefore = await cpuMs(child);
  const started = performance.now();
  for (const { kind, step: act } of steps) {
    const stepStarted = performance.now();
    const updates = await step(api, act(api), users, via);
    const sum = byKind.get(kind) ?? { updates: 0, ms: 0 };
    byKind.set(kind, { updates: sum.updates + updates, ms: sum.ms + performance.now() - stepStarted });
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = (await cpuMs(child)) - cpuBefore;
  const peakRss = await peakRssMB(child);
  await stopBot(child);
  await api.close();
  const updates = [...byKind.values()].reduce((n, k) => n + k.updates, 0);
  const kinds = Object.fromEntries([...byKind].map(([kind, k]) => [kind, Math.round((k.updates * 1000) / k.ms)]));
  const perUpdate = (m: Map<string, number>) =>
    Object.fromEntries([...m].sort().map(([method, n]) => [method, round(n / updates, 2)]));
  return {
    bot: name,
    mode,
    updates,
    seconds: round(seconds, 2),
    perSecond: Math.round(updates / seconds),
    cpuMsPerUpdate: round(cpu / updates, 2),
    peakRssMB: peakRss,
    perSecondByKind: kinds,
    requestsPerUpdate: round(total(counted.http) / updates, 2),
    methodsPerUpdate: round((total(counted.http) + total(counted.inAnswer)) / updates, 2),
    requestsByMethod: perUpdate(counted.http),
    inAnswerByMethod: perUpdate(counted.inAnswer),
  };
}

const echoSteps = Array.from({ length: 6 }, (_, i) => ({
  kind: "echo",
  step: (api: LocalBotApi) => (u: TestUser) => api.sendText(u, `echo ${i}`),
}));
/** A search, a card, the checklist and its three questions: two plain updates, four conversation steps. */
const citizenSteps = [
  { kind: "search", step: (api: LocalBotApi) => (u: TestUser) => api.sendText(u, "lam giay khai sinh cho con") },
  { kind: "card", step: (api: LocalBotApi) => tap(api, "Đăng ký khai sinh") },
  { kind: "conversation", step: (api: LocalBotApi) => tap(api, "Lập danh sách") },
  { kind: "conversation", step: (api: LocalBotApi) => tap(api, "Có") },
  { kind: "conversation", step: (api: LocalBotApi) => tap(api, "Không") },
  { kind: "conversation", step: (api: LocalBotApi) => tap(api, "Chưa") },
];

/** motcua and the echo bots, all with their updates delivered as `mode` says. */
async function benchMode(mode: Mode) {
  const echo = await measure("echo (bot.start)", mode, withBotFlags(root, "bench/echo-bot.ts"), echoSteps);
  // A webhook has no polling loop to choose: one echo, grammY's webhookCallback.
  const echoRunner =
    mode === "polling"
      ? await measure("echo (runner)", mode, withBotFlags(root, "bench/echo-bot.ts", "--runner"), echoSteps)
      : echo;
  const stateDir = await mkdtemp(join(tmpdir(), "motcua-bench-bot-"));
  const ours = await measure("motcua (search, card, checklist)", mode, botCommand(root), citizenSteps, {
    STATE_DIR: stateDir,
  });
  await rm(stateDir, { recursive: true, force: true });
  return {
    echoPerSecond: echo.perSecond,
    echoRunnerPerSecond: echoRunner.perSecond,
    echoRequestsPerUpdate: echo.requestsPerUpdate,
    echoMethodsPerUpdate: echo.methodsPerUpdate,
    oursPerSecond: ours.perSecond,
    oursCpuMsPerUpdate: ours.cpuMsPerUpdate,
    echoCpuMsPerUpdate: echo.cpuMsPerUpdate,
    oursPeakRssMB: ours.peakRssMB,
    echoPeakRssMB: echo.peakRssMB,
    oursSearchPerSecond: ours.perSecondByKind.search ?? 0,
    oursCardPerSecond: ours.perSecondByKind.card ?? 0,
    oursConversationStepsPerSecond: ours.perSecondByKind.conversation ?? 0,
    oursRequestsPerUpdate: ours.requestsPerUpdate,
    oursMethodsPerUpdate: ours.methodsPerUpdate,
    oursRequestsByMethod: ours.requestsByMethod,
    oursInAnswerByMethod: ours.inAnswerByMethod,
    ratioToEcho: round(ours.perSecond / echo.perSecond, 2),
    ratioToEchoRunner: round(ours.perSecond / echoRunner.perSecond, 2),
  };
}

/**
 * Updates per second end to end over loopback HTTP, 200 users at once: motcua started as
 * `npm start` starts it in production, against echo bots served the same way, with the same Node flags: long polling the fake
 * Telegram, then with the fake posting each update to the bot's webhook and carrying out the
 * call put in the answer, as Telegram does.
 */
export async function benchBotThroughput() {
  return { polling: await benchMode("polling"), webhook: await benchMode("webhook") };
}
