import { afterEach, beforeEach } from "vitest";
import { type ApiCall, onContentRefusal } from "../../src/local-bot-api/index.ts";

/**
 * Loaded before every test file (vitest setupFiles): a test fails if any local Bot API refused
 * a message for its content during it (HTML Telegram cannot parse, a text over 4,096 or a
 * caption over 1,024 characters, an empty text, button data over 64 bytes). A bot that gets
 * such a refusal in production answers with an apology, so every message of every test is
 * checked, not only the ones a test looks at.
 */

let refusals: ApiCall[] = [];
let expected = false;
let unsubscribe: (() => void) | undefined;

/** For tests that provoke refusals on purpose, e.g. those of the local Bot API itself. */
export function expectRefusals(): void {
  expected = true;
}

beforeEach(() => {
  refusals = [];
  expected = false;
  unsubscribe = onContentRefusal((call) => refusals.push(call));
});

// Setup-file hooks run after the test file's own: refusals while a bot stops are counted too.
afterEach(() => {
  unsubscribe?.();
  if (expected || refusals.length === 0) return;
  const lines = refusals.map(
    (c) => `  ${c.method} ${JSON.stringify(c.payload).slice(0, 300)} -> ${c.response.description}`,
  );
  throw new Error(`Telegram would refuse ${refusals.length} message(s) sent during this test:\n${lines.join("\n")}`);
});
