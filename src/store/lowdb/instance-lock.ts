import { existsSync, readFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { STATE_FILE_MODE } from "./state-files.ts";

const LOCK_FILE = "bot.pid";

/**
 * Who holds a state folder: a pid alone cannot say, since after a crash or a container restart
 * the same pid belongs to another process (pid 1 always exists). So the record also says when
 * that process started (ticks since boot, from /proc/<pid>/stat) and which boot it was: a
 * process that died cannot hold the lock, whatever took its pid since.
 */
interface Holder {
  pid: number;
  startedAt?: string;
  bootId?: string;
}

const HAS_PROC = existsSync("/proc/self/stat");

/** When a process started and in which boot, where /proc exists (Linux). */
function startOf(pid: number): { startedAt: string; bootId: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2, the command in parentheses, may hold spaces and ")": count from the last ")".
    // Fields from 3 on follow it; starttime is field 22.
    const startedAt = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[22 - 3];
    const bootId = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    return startedAt ? { startedAt, bootId } : undefined;
  } catch {
    return undefined;
  }
}

function readHolder(file: string): Holder | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8").trim();
  try {
    const holder = JSON.parse(text) as Holder;
    return Number.isInteger(holder.pid) && holder.pid > 0 ? holder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the process that wrote the record still runs. With /proc, the pid must run and have
 * started when the record says (a record without a start time, as older versions wrote, is
 * stale). Without /proc (macOS, Windows) only the pid can be checked: a reused pid then keeps
 * the folder taken until the file is removed by hand.
 */
function isAlive(holder: Holder): boolean {
  if (HAS_PROC) {
    const now = startOf(holder.pid);
    return now !== undefined && now.startedAt === holder.startedAt && now.bootId === holder.bootId;
  }
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The pid of the bot running on this state folder, if one is alive. lowdb allows one writer
 * per file: while a bot runs, other processes (imports) hand their changes to it.
 */
export function runningBotPid(stateDir: string): number | undefined {
  const holder = readHolder(join(stateDir, LOCK_FILE));
  return holder && isAlive(holder) ? holder.pid : undefined;
}

/**
 * Marks this process as the bot running on `stateDir`; the returned function releases it. A
 * record left by a process that is gone is taken over. One folder, one bot: several instances
 * share PostgreSQL (DATABASE_URL), never a STATE_DIR (and a folder shared between machines or
 * containers cannot be checked at all: their pids are not this system's).
 */
export async function claimStateDir(stateDir: string): Promise<() => Promise<void>> {
  const file = join(stateDir, LOCK_FILE);
  const other = runningBotPid(stateDir);
  // The same process may claim again (a restart within tests); another live one may not.
  if (other && other !== process.pid) throw new Error(`another bot (pid ${other}) is already running on ${stateDir}`);
  const me: Holder = { pid: process.pid, ...startOf(process.pid) };
  await writeFile(file, JSON.stringify(me), { mode: STATE_FILE_MODE });
  return async () => {
    if (readHolder(file)?.pid === process.pid) await rm(file, { force: true });
  };
}
