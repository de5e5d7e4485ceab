import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { MIN_SECRET_BYTES } from "../domain/dossiers/pseudonym.ts";
import { ConfigError } from "../shared/config-error.ts";
import { writeStateFile } from "./lowdb/state-files.ts";

/**
 * The key for pseudonyms, generated once per state folder and kept beside the state: the same
 * user keeps the same pseudonym across restarts. LOOKUP_HASH_SECRET overrides it.
 */
export async function stateSecret(stateDir: string): Promise<string> {
  const file = join(stateDir, "lookup-secret");
  if (existsSync(file)) return checked(file, (await readFile(file, "utf8")).trim());
  const secret = randomBytes(MIN_SECRET_BYTES).toString("base64url");
  await writeStateFile(file, secret);
  return secret;
}

/**
 * An empty or short file (a failed copy, a hand edit) is refused rather than used: every
 * pseudonym would be guessable. Replacing it changes every pseudonym, so a person decides.
 */
function checked(file: string, secret: string): string {
  if (Buffer.byteLength(secret) >= MIN_SECRET_BYTES) return secret;
  throw new ConfigError([
    `${file}: ${secret === "" ? "empty" : "too short"}: the pseudonym key needs at least ${MIN_SECRET_BYTES} bytes. Restore it from a backup, or delete it to generate a new one (earlier look-ups then no longer match their users), or set LOOKUP_HASH_SECRET.`,
  ]);
}
