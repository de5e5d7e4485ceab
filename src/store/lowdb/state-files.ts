import { chmod, mkdir, open, rename } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * State holds full names (dossiers), who follows what and who asked what: readable by the bot's
 * own user only, whatever the umask. Folders 0700, files 0600.
 */
export const STATE_DIR_MODE = 0o700;
export const STATE_FILE_MODE = 0o600;

/** Creates a state folder (and its parents) readable by this user only. */
export async function makeStateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: STATE_DIR_MODE });
}

/**
 * Replaces `file` whole or not at all: a temporary file (.name.tmp, as steno names it) with mode
 * 0600 from the start, renamed over it. The text may come in pieces (a file too large to build
 * as one string). Callers write one file one write at a time.
 */
export async function writeStateFile(file: string, text: string | AsyncIterable<string>): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.tmp`);
  const handle = await open(temporary, "w", STATE_FILE_MODE);
  try {
    // A temporary file left by a crash keeps its old mode: set it again.
    await handle.chmod(STATE_FILE_MODE);
    if (typeof text === "string") await handle.writeFile(text, "utf8");
    else for await (const piece of text) await handle.write(piece, null, "utf8");
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

/** Restricts a state file written by an earlier version (0644); none yet is fine. */
export async function restrictStateFile(file: string): Promise<void> {
  await chmod(file, STATE_FILE_MODE).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
}
