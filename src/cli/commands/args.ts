import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "../usage-error.ts";

/** node:util parseArgs, with its errors turned into usage errors (exit code 2). */
export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
