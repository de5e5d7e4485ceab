import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Writer } from "steno";

/**
 * The key for pseudonyms, generated once per state folder and kept beside the state: the same
 * user keeps the same pseudonym across restarts. LOOKUP_HASH_SECRET overrides it.
 */
export async function stateSecret(stateDir: string): Promise<string> {
  const file = join(stateDir, "lookup-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("base64url");
  await new Writer(file).write(secret);
  return secret;
}
