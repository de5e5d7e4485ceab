import { existsSync, readFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { STATE_FILE_MODE } from "./state-files.ts";

const PID_FILE = "bot.pid";

/**
 * The pid of the bot running on this state folder, if one is alive. lowdb allows one writer
 * per file: while a bot runs, other processes (imports) hand their changes to it.
 */
export function runningBotPid(stateDir: string): number | undefined {
  const file = join(stateDir, PID_FILE);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** Marks this process as the bot running on `stateDir`; the returned function releases it. */
export async function claimStateDir(stateDir: string): Promise<() => Promise<void>> {
  const other = runningBotPid(stateDir);
  // The same process may claim again (a restart within tests); another live one may not.
  if (other && other !== process.pid) throw new Error(`another bot (pid ${other}) is already running on ${stateDir}`);
  const file = join(stateDir, PID_FILE);
  await writeFile(file, String(process.pid), { mode: STATE_FILE_MODE });
  return () => rm(file, { force: true });
}
