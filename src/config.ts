/**
 * Configuration from environment variables, validated once at start-up. `parseConfig` is pure,
 * so tests build a config without touching the real environment. Every variable is documented
 * in README.md.
 */
import { z } from "zod";

const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());

const schema = z.object({
  BOT_TOKEN: optionalText,
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  STATE_DIR: z.string().min(1).default("./var"),
  DATA_DIR: z.string().min(1).default("./data"),
  DEFAULT_LOCALE: z.enum(["vi", "en"]).default("vi"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  /** Absent: the bot runs as a chat in the terminal. */
  botToken?: string;
  telegramApiRoot: string;
  stateDir: string;
  dataDir: string;
  defaultLocale: "vi" | "en";
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
}

/** Thrown at start-up with every invalid variable named. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = result.data;
  return {
    ...(e.BOT_TOKEN ? { botToken: e.BOT_TOKEN } : {}),
    telegramApiRoot: e.TELEGRAM_API_ROOT,
    stateDir: e.STATE_DIR,
    dataDir: e.DATA_DIR,
    defaultLocale: e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL,
  };
}
