import pino, { type Logger } from "pino";

export type { Logger };

/** Structured logs. Never log message texts in full, applicant names or raw ids of citizens. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: undefined, redact: ["token", "*.token"] }, destination);
}
