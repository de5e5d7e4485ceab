import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type LocalBotApi, startLocalBotApi, type TestUser } from "../src/local-bot-api/index.ts";
import { round } from "./stats.ts";

const USERS = 200;
const usersFrom = (firstId: number): TestUser[] =>
  Array.from({ length: USERS }, (_, i) => ({ id: firstId + i, first_name: "U", language_code: "vi" }));
/** Other users go through the same steps first, untimed: a bot runs for days, its code is warm. */
const warmUp = usersFrom(50_000);
const users = usersFrom(60_000);
const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * A bot in its own process, as in production, so that its CPU is its own: the fake Telegram
 * (and this driver) run in the bench's process, as Telegram runs on other machines.
 */
async function startBot(api: LocalBotApi, args: string[], env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: root,
    env: { ...process.env, ...env, BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, LOG_LEVEL: "silent" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // Polling: a long poll is held open (its call is recorded only when answered).
  while (api.inProgress("getUpdates") === 0) await new Promise((r) => setTimeout(r, 20));
  return child;
}

async function stopBot(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** Bot API calls the bot made besides polling, to tell its work per update from the echo's. */
let calls = 0;

/** Every user does one step at once; resolves with the updates sent once each got its answer. */
async function step(api: LocalBotApi, act: (u: TestUser) => void, users: TestUser[]): Promise<number> {
  let answered = 0;
  // Every step of both bots ends with one message to the user, sent or edited in: the answer.
  const stopCounting = api.onCall((c) => {
    if ((c.method === "sendMessage" || c.method === "editMessageText") && c.response?.ok) answered++;
    if (c.method !== "getUpdates") calls++;
  });
  for (const u of users) act(u);
  while (answered < users.length) await new Promise((r) => setTimeout(r, 2));
  stopCounting();
  return users.length;
}

const tap = (api: LocalBotApi, label: string) => (u: TestUser) => {
  const keyboard = api.lastKeyboard(u.id);
  const button = keyboard?.buttons.flat().find((b) => b.text.includes(label));
  if (keyboard && button?.data) api.pressButton(u, keyboard.messageId, button.data);
};

type Step = (api: LocalBotApi) => (u: TestUser) => void;

/**
 * Runs `steps` against a bot started with `args`: updates per second from first send to last
 * answer, overall and for the steps of each kind.
 */
async function measure(
  name: string,
  args: string[],
  steps: { kind: string; step: Step }[],
  env?: Record<string, string>,
) {
  const api = await startLocalBotApi();
  const child = await startBot(api, args, env);
  for (const { step: act } of steps) await step(api, act(api), warmUp);
  const byKind = new Map<string, { updates: number; ms: number }>();
  calls = 0;
  const started = performance.now();
  for (const { kind, step: act } of steps) {
    const stepStarted = performance.now();
    const updates = await step(api, act(api), users);
    const sum = byKind.get(kind) ?? { updates: 0, ms: 0 };
    byKind.set(kind, { updates: sum.updates + updates, ms: sum.ms + performance.now() - stepStarted });
  }
  const seconds = (performance.now() - started) / 1000;
  await stopBot(child);
  await api.close();
  const updates = [...byKind.values()].reduce((n, k) => n + k.updates, 0);
  const kinds = Object.fromEntries([...byKind].map(([kind, k]) => [kind, Math.round((k.updates * 1000) / k.ms)]));
  return {
    bot: name,
    updates,
    seconds: round(seconds, 2),
    perSecond: Math.round(updates / seconds),
    perSecondByKind: kinds,
    callsPerUpdate: round(calls / updates, 2),
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

/**
 * Updates per second end to end over loopback HTTP, 200 users at once: motcua started by
 * `src/main.ts` as in production, against echo bots polling the same server the same way.
 */
export async function benchBotThroughput() {
  const echo = await measure("echo (bot.start)", ["bench/echo-bot.ts"], echoSteps);
  const echoRunner = await measure("echo (runner)", ["bench/echo-bot.ts", "--runner"], echoSteps);
  const stateDir = await mkdtemp(join(tmpdir(), "motcua-bench-bot-"));
  const ours = await measure("motcua (search, card, checklist)", ["src/main.ts"], citizenSteps, {
    STATE_DIR: stateDir,
  });
  await rm(stateDir, { recursive: true, force: true });
  return {
    echoPerSecond: echo.perSecond,
    echoRunnerPerSecond: echoRunner.perSecond,
    oursPerSecond: ours.perSecond,
    oursSearchPerSecond: ours.perSecondByKind.search ?? 0,
    oursCardPerSecond: ours.perSecondByKind.card ?? 0,
    oursConversationStepsPerSecond: ours.perSecondByKind.conversation ?? 0,
    oursCallsPerUpdate: ours.callsPerUpdate,
    ratioToEcho: round(ours.perSecond / echo.perSecond, 2),
    ratioToEchoRunner: round(ours.perSecond / echoRunner.perSecond, 2),
  };
}
