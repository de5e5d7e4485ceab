/**
 * Configuration from environment variables, validated once at start-up. `parseConfig` is pure,
 * so tests build a config without touching the real environment. Every variable is documented
 * in docs/configuration.md.
 */
import { z } from "zod";
import { MIN_SECRET_BYTES } from "./domain/dossiers/pseudonym.ts";
import { type Locale, LocaleSchema } from "./domain/locale.ts";
import { ConfigError } from "./shared/config-error.ts";

const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const regex = z.string().refine((v) => {
  try {
    new RegExp(v);
    return true;
  } catch {
    return false;
  }
}, "not a valid regular expression");

const schema = z.object({
  BOT_TOKEN: optionalText,
  /** The bot's @username without "@": the CLI's posters link to it (the bot itself asks Telegram). */
  BOT_USERNAME: optionalText,
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  TELEGRAM_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(600).default(60),
  STATE_DIR: z.string().min(1).default("./var"),
  DATABASE_URL: optionalText,
  DATA_DIR: z.string().min(1).default("./data"),
  DEFAULT_LOCALE: LocaleSchema.default("vi"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DOSSIER_CODE_PATTERN: regex.default("^\\d{3}\\.\\d{2}\\.\\d{2}\\.[GH]\\d{2}-\\d{6}-\\d{4}$"),
  DOSSIER_CODE_EXAMPLE: z.string().min(1).default("000.00.53.H48-220921-0099"),
  DOSSIER_LOOKUP_KEY: z.enum(["none", "required"]).default("none"),
  LOOKUP_LIMIT: count(10),
  LOOKUP_WINDOW_MINUTES: count(10),
  LOOKUP_NOT_FOUND_STREAK: count(5),
  LOOKUP_COOLDOWN_MINUTES: count(15),
  LOOKUP_RETENTION_DAYS: count(180),
  LOOKUP_HASH_SECRET: optionalText.pipe(
    z
      .string()
      .refine(
        (v) => Buffer.byteLength(v) >= MIN_SECRET_BYTES,
        `too short: at least ${MIN_SECRET_BYTES} bytes, e.g. the output of \`openssl rand -base64 32\``,
      )
      .optional(),
  ),
  DOSSIER_API_URL: optionalText.pipe(z.string().includes("{code}", { message: "must contain {code}" }).optional()),
  DOSSIER_API_TIMEOUT_MS: count(5000),
  ADMIN_IDS: z
    .string()
    .regex(/^\s*(\d+\s*(,\s*\d+\s*)*)?$/, "expected Telegram user ids separated by commas")
    .default(""),
  BROADCAST_RATE: z.coerce.number().positive().max(1000).default(25),
  BROADCAST_IN_FLIGHT: count(3),
  WEBHOOK_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  WEBHOOK_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "expected 16-256 characters of A-Z, a-z, 0-9, _ or -")
      .optional(),
  ),
  IMPORT_MAX_MB: count(50),
  IMPORT_MAX_ROWS: count(200_000),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  WEBHOOK_MAX_CONNECTIONS: z.coerce.number().int().min(2).max(100_000).default(200),
});

export interface Config {
  /** Absent: the bot runs as a chat in the terminal. */
  botToken?: string;
  /** The bot's @username (BOT_USERNAME), for links made outside the bot. */
  botUsername?: string;
  telegramApiRoot: string;
  /**
   * Longest wait for the Bot API's answer to any call: then the connection is dropped and the
   * call retried. Long polls ask Telegram to answer within half of it (at most 30 s).
   */
  telegramTimeoutSeconds: number;
  stateDir: string;
  /** Set: state lives in this PostgreSQL database (several instances); unset: lowdb in stateDir. */
  databaseUrl?: string;
  dataDir: string;
  defaultLocale: Locale;
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  dossiers: DossierConfig;
  /** Telegram ids of the administrators, who grant and revoke staff. */
  adminIds: number[];
  broadcast: BroadcastConfig;
  /** Caps on one CLI import file. */
  imports: ImportLimits;
  /** Set: Telegram delivers updates to this HTTPS address (webhook) instead of long polling. */
  webhook?: WebhookConfig;
}

export interface WebhookConfig {
  url: string;
  /** Telegram sends it with every update; requests without it get 401. */
  secret: string;
  port: number;
  /**
   * Connections open at once on the webhook's port; past it, the one idle the longest is
   * closed (see connection-cap.ts). Telegram itself opens at most 100 (setWebhook's
   * max_connections, 40 by default).
   */
  maxConnections: number;
}

/** How notices are delivered: within Telegram's limits, few messages in flight. */
export interface BroadcastConfig {
  /** Messages per second overall (Telegram allows about 30). */
  ratePerSecond: number;
  /** Messages sent but not yet recorded at any moment: the most a hard kill can repeat. */
  inFlight: number;
}

/**
 * How much one import file may hold. The file's size is checked before it is read, so an export
 * of the wrong thing (a database dump, a video) is refused at once instead of filling memory.
 */
export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
}

/** How dossier look-ups work in this deployment. */
export interface DossierConfig {
  codePattern: RegExp;
  codeExample: string;
  requireLookupKey: boolean;
  limits: { maxLookups: number; windowMs: number; notFoundStreak: number; cooldownMs: number };
  retentionDays: number;
  /** Absent: a secret is generated once and kept in STATE_DIR. */
  hashSecret?: string;
  /** The provincial system's look-up URL, with {code} in it. */
  apiUrl?: string;
  apiTimeoutMs: number;
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = result.data;
  if (e.WEBHOOK_URL && !e.WEBHOOK_SECRET) throw new ConfigError(["WEBHOOK_SECRET: required with WEBHOOK_URL"]);
  return {
    ...(e.BOT_TOKEN ? { botToken: e.BOT_TOKEN } : {}),
    ...(e.BOT_USERNAME ? { botUsername: e.BOT_USERNAME } : {}),
    telegramApiRoot: e.TELEGRAM_API_ROOT,
    telegramTimeoutSeconds: e.TELEGRAM_TIMEOUT_SECONDS,
    stateDir: e.STATE_DIR,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    dataDir: e.DATA_DIR,
    defaultLocale: e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL,
    dossiers: {
      codePattern: new RegExp(e.DOSSIER_CODE_PATTERN, "i"),
      codeExample: e.DOSSIER_CODE_EXAMPLE,
      requireLookupKey: e.DOSSIER_LOOKUP_KEY === "required",
      limits: {
        maxLookups: e.LOOKUP_LIMIT,
        windowMs: e.LOOKUP_WINDOW_MINUTES * 60_000,
        notFoundStreak: e.LOOKUP_NOT_FOUND_STREAK,
        cooldownMs: e.LOOKUP_COOLDOWN_MINUTES * 60_000,
      },
      retentionDays: e.LOOKUP_RETENTION_DAYS,
      ...(e.LOOKUP_HASH_SECRET ? { hashSecret: e.LOOKUP_HASH_SECRET } : {}),
      ...(e.DOSSIER_API_URL ? { apiUrl: e.DOSSIER_API_URL } : {}),
      apiTimeoutMs: e.DOSSIER_API_TIMEOUT_MS,
    },
    adminIds: e.ADMIN_IDS.split(",")
      .map((x) => x.trim())
      .filter(Boolean)
      .map(Number),
    imports: { maxBytes: e.IMPORT_MAX_MB * 1_048_576, maxRows: e.IMPORT_MAX_ROWS },
    broadcast: { ratePerSecond: e.BROADCAST_RATE, inFlight: e.BROADCAST_IN_FLIGHT },
    ...(e.WEBHOOK_URL && e.WEBHOOK_SECRET
      ? {
          webhook: {
            url: e.WEBHOOK_URL,
            secret: e.WEBHOOK_SECRET,
            port: e.PORT,
            maxConnections: e.WEBHOOK_MAX_CONNECTIONS,
          },
        }
      : {}),
  };
}
