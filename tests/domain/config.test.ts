import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { ConfigError } from "../../src/shared/config-error.ts";
import { stateSecret } from "../../src/store/state-secret.ts";
import { tempDirsPerTest } from "../support/temp-dirs.ts";

describe("Configuration from the environment", () => {
  it("with nothing set, runs in the terminal with the documented defaults", () => {
    expect(parseConfig({})).toMatchObject({
      telegramApiRoot: "https://api.telegram.org",
      telegramTimeoutSeconds: 60,
      stateDir: "./var",
      dataDir: "./data",
      defaultLocale: "vi",
      logLevel: "info",
      dossiers: {
        codeExample: "000.00.53.H48-220921-0099",
        requireLookupKey: false,
        limits: { maxLookups: 10, windowMs: 600_000, notFoundStreak: 5, cooldownMs: 900_000 },
        retentionDays: 180,
        apiTimeoutMs: 5000,
      },
      imports: { maxBytes: 50 * 1_048_576, maxRows: 200_000 },
    });
    expect(parseConfig({}).dossiers.codePattern.test("000.00.53.H48-220921-0099")).toBe(true);
    expect(parseConfig({}).botToken).toBeUndefined();
  });

  it("an empty BOT_TOKEN counts as absent", () => {
    expect(parseConfig({ BOT_TOKEN: "" }).botToken).toBeUndefined();
  });

  it("invalid values are all named at once", () => {
    let error: unknown;
    try {
      parseConfig({ TELEGRAM_API_ROOT: "not a url", DEFAULT_LOCALE: "fr" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(":")[0])).toEqual([
      "TELEGRAM_API_ROOT",
      "DEFAULT_LOCALE",
    ]);
  });

  it("webhook mode caps its connections: 200 by default, WEBHOOK_MAX_CONNECTIONS otherwise, a number from 2 up", () => {
    const webhook = {
      WEBHOOK_URL: "https://bot.example.gov.vn/telegram/hook",
      WEBHOOK_SECRET: "s3cret-token-for-tests_0123",
    };
    expect(parseConfig(webhook).webhook?.maxConnections).toBe(200);
    expect(parseConfig({ ...webhook, WEBHOOK_MAX_CONNECTIONS: "50" }).webhook?.maxConnections).toBe(50);
    for (const bad of ["1", "many", "2.5"])
      expect(() => parseConfig({ ...webhook, WEBHOOK_MAX_CONNECTIONS: bad })).toThrow(/WEBHOOK_MAX_CONNECTIONS/);
  });
});

describe("The key of look-up pseudonyms", () => {
  const stateDir = tempDirsPerTest("secret");

  it("LOOKUP_HASH_SECRET shorter than 32 bytes is refused by name; 32 bytes are accepted", () => {
    expect(() => parseConfig({ LOOKUP_HASH_SECRET: "secret" })).toThrow(
      /LOOKUP_HASH_SECRET: too short: at least 32 bytes/,
    );
    expect(parseConfig({ LOOKUP_HASH_SECRET: "k".repeat(32) }).dossiers.hashSecret).toBe("k".repeat(32));
  });

  it("is generated with at least 32 bytes, and kept across restarts", async () => {
    const dir = await stateDir();
    const secret = await stateSecret(dir);
    expect(Buffer.byteLength(secret)).toBeGreaterThanOrEqual(32);
    expect(await stateSecret(dir)).toBe(secret);
  });

  it("an empty or short lookup-secret file stops start-up with a clear configuration error", async () => {
    for (const content of ["", "  \n", "short-key"]) {
      const dir = await stateDir();
      await writeFile(join(dir, "lookup-secret"), content);
      await expect(stateSecret(dir)).rejects.toThrow(ConfigError);
      await expect(stateSecret(dir)).rejects.toThrow(
        /lookup-secret: (empty|too short): the pseudonym key needs at least 32 bytes/,
      );
    }
  });
});
