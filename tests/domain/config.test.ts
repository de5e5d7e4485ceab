import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.ts";

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
    expect((error as ConfigError).problems.map((p) => p.split(":")[0])).toEqual(["TELEGRAM_API_ROOT", "DEFAULT_LOCALE"]);
  });

  it("webhook mode caps its connections: 200 by default, WEBHOOK_MAX_CONNECTIONS otherwise, a number from 2 up", () => {
    const webhook = { WEBHOOK_URL: "https://bot.example.gov.vn/telegram/hook", WEBHOOK_SECRET: "s3cret-token-for-tests_0123" };
    expect(parseConfig(webhook).webhook?.maxConnections).toBe(200);
    expect(parseConfig({ ...webhook, WEBHOOK_MAX_CONNECTIONS: "50" }).webhook?.maxConnections).toBe(50);
    for (const bad of ["1", "many", "2.5"]) expect(() => parseConfig({ ...webhook, WEBHOOK_MAX_CONNECTIONS: bad })).toThrow(/WEBHOOK_MAX_CONNECTIONS/);
  });
});
