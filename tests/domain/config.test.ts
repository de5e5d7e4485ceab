import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.ts";

describe("Configuration from the environment", () => {
  it("with nothing set, runs in the terminal with the documented defaults", () => {
    expect(parseConfig({})).toEqual({
      telegramApiRoot: "https://api.telegram.org",
      stateDir: "./var",
      dataDir: "./data",
      defaultLocale: "vi",
      logLevel: "info",
    });
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
});
