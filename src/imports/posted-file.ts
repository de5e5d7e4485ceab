import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { Writer } from "steno";
import type { PostedList } from "../domain/catalog/schema.ts";

/**
 * Writes a center's posted list to DATA_DIR/posted/<commune>.json, where the catalog loads it.
 * steno writes a temporary file and renames it: the list is replaced whole or not at all.
 */
export async function writePostedList(dataDir: string, list: PostedList): Promise<void> {
  await mkdir(join(dataDir, "posted"), { recursive: true });
  await new Writer(join(dataDir, "posted", `${list.commune}.json`)).write(`${JSON.stringify(list, null, 2)}\n`);
}
