import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { CatalogError } from "../catalog/errors.ts";
import { entryName, parseEntry, readJsonFile } from "../catalog/read-json.ts";
import { type ElsewhereItem, elsewhereItem } from "./schema.ts";

const ELSEWHERE_FILE = "elsewhere.json";

/**
 * Loads data/elsewhere.json: the procedures another agency decides. A missing file means none
 * (a commune's own catalog may do without); a broken entry stops start-up with a CatalogError
 * naming the file, the entry (its id, else its position) and the field.
 */
export async function loadElsewhere(dataDir: string): Promise<ElsewhereItem[]> {
  const file = join(dataDir, ELSEWHERE_FILE);
  if (!existsSync(file)) return [];
  const raw = parseEntry(z.array(z.unknown()), await readJsonFile(file), file, "(file)");
  const seen = new Set<string>();
  return raw.map((value, i) => {
    const item = parseEntry(elsewhereItem, value, file, entryName(value, `#${i + 1}`, "id"));
    if (seen.has(item.id)) throw new CatalogError(file, item.id, "id", "this id is used by another entry");
    seen.add(item.id);
    return item;
  });
}
