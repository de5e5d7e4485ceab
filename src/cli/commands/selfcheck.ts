import { startWebhookBotProcess, type WebhookBotProcess } from "../selfcheck/webhook-bot.ts";
import {
  health,
  helpUpdate,
  idleFlood,
  malformedUpdate,
  type Outcome,
  oversizedUpdate,
  strangerPosts,
} from "../selfcheck/webhook-probes.ts";
import { UsageError } from "../usage-error.ts";

/** Small on purpose: the flood passes both with a few hundred connections. */
const CAP = 24;
const FILE_LIMIT = 128;
const FLOOD = 300;
const STRANGERS = 100;
const OVERSIZED_BYTES = 5 * 1_048_576;

interface Check {
  what: string;
  expected: string;
  got: string;
  ok: boolean;
}

/** "100 × 401" or "1 × 401, 99 × no answer". */
function tally(outcomes: Outcome[]): string {
  const counts = new Map<Outcome, number>();
  for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
  return [...counts].map(([o, n]) => `${n} × ${o}`).join(", ");
}

/**
 * `selfcheck webhook`: starts the bot (src/main.ts) in webhook mode in a child process, against
 * the fake Telegram, both on 127.0.0.1, and probes it as a stranger who found its URL would;
 * prints what each probe expected and got. Exit code 0 when every check passes, 1 otherwise.
 */
export async function selfcheckCommand(args: string[], dataDir: string): Promise<number> {
  if (args.join(" ") !== "webhook") throw new UsageError("selfcheck takes one argument: webhook");
  const bot = await startWebhookBotProcess({ dataDir, maxConnections: CAP, fileLimit: FILE_LIMIT });
  const checks: Check[] = [];
  const check = (what: string, expected: string, got: string, ok = got === expected) =>
    checks.push({ what, expected, got, ok });
  try {
    check(
      `${STRANGERS} POSTs without the secret, bodies empty or not JSON`,
      `${STRANGERS} × 401`,
      tally(await strangerPosts(bot.hookUrl, STRANGERS)),
    );
    check(
      "the bot process after them",
      "alive, /health 200",
      `${bot.alive() ? "alive" : "exited"}, /health ${await health(bot.base)}`,
    );
    check(
      "a 5 MB update with the secret",
      "413",
      String(await oversizedUpdate(bot.hookUrl, bot.secret, OVERSIZED_BYTES)),
    );
    check("a body with the secret that is not JSON", "400", String(await malformedUpdate(bot.hookUrl, bot.secret)));
    const flood = await idleFlood(Number(new URL(bot.base).port), FLOOD);
    check(
      `${FLOOD} idle connections (cap ${CAP}, ${FILE_LIMIT} open files allowed)`,
      "/health 200",
      `/health ${await health(bot.base)}`,
    );
    const closed = await flood.closedByServer(FLOOD - CAP);
    check("  of which closed by the bot", `at least ${FLOOD - CAP}`, String(closed), closed >= FLOOD - CAP);
    check("  a citizen's /help meanwhile, with the secret", "200", String(await helpDuringFlood(bot)));
    flood.end();
    check("the bot process at the end", "alive", bot.alive() ? "alive" : "exited");
  } finally {
    await bot.stop();
  }
  printTable(checks);
  return checks.every((c) => c.ok) ? 0 : 1;
}

/** A citizen's /help posted as Telegram posts it; the status of the answer. */
async function helpDuringFlood(bot: WebhookBotProcess): Promise<Outcome> {
  try {
    return await bot.api.deliver(bot.hookUrl, helpUpdate(1), bot.secret);
  } catch {
    return "no answer";
  }
}

function printTable(checks: Check[]): void {
  const rows = [
    ["check", "expected", "got", ""],
    ...checks.map((c) => [c.what, c.expected, c.got, c.ok ? "ok" : "FAILED"]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  for (const row of rows)
    process.stdout.write(
      `${row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd()}\n`,
    );
}
