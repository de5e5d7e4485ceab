import pino, { type Logger } from "pino";

export type { Logger };

/** How much of a message text may appear in a log: enough to recognise it, not to read it. */
const TEXT_PREVIEW = 24;

/** A shortened text for logs: "làm giấy khai sinh cho…" (length kept). */
export const logPreview = (text: string) => (text.length > TEXT_PREVIEW ? `${text.slice(0, TEXT_PREVIEW)}…` : text);

/**
 * Errors are logged by kind, code and message only: grammY's errors carry the whole request
 * (chat ids, message texts) in their `payload`, which must not reach the logs.
 */
function serializeError(err: unknown) {
  if (!(err instanceof Error)) return { message: logPreview(String(err)) };
  const code = (err as { error_code?: number }).error_code;
  return {
    type: err.name,
    message: err.message,
    ...(code ? { code } : {}),
    stack: err.stack?.split("\n").slice(1, 4).join("\n"),
  };
}

/**
 * Structured logs that never hold applicant names, raw Telegram ids of citizens, message texts
 * beyond a short preview, or tokens: errors go through `serializeError`, and fields that could
 * carry such data are redacted wherever they appear.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      serializers: { err: serializeError },
      redact: {
        paths: [
          "token",
          "*.token",
          "payload",
          "*.payload",
          "applicantName",
          "*.applicantName",
          "from",
          "*.from",
          "chat_id",
          "*.chat_id",
        ],
        censor: "[hidden]",
      },
    },
    destination,
  );
}
