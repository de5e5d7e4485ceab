import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/logger.ts";

/** A logger whose JSON lines a test can read afterwards, as an operator would read the logs. */
export function capturedLogger(level: string): { logger: Logger; text: () => string } {
  let log = "";
  const sink = new Writable({
    write: (chunk, _enc, done) => {
      log += String(chunk);
      done();
    },
  });
  return { logger: createLogger(level, sink), text: () => log };
}
