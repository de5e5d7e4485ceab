import { join } from "node:path";
import type { Catalog } from "../catalog/catalog.ts";
import { parseEntry, readJsonFile } from "../catalog/read-json.ts";
import { ProcedureSearch } from "./procedure-search.ts";
import { queryWordsFile } from "./query-words.ts";

/** The search over a loaded catalog and what is done elsewhere, with the query words of `dataDir` (validated: a broken file stops start-up). */
export async function loadSearch(dataDir: string, catalog: Catalog): Promise<ProcedureSearch> {
  const file = join(dataDir, "query-words.json");
  const words = parseEntry(queryWordsFile, await readJsonFile(file), file, "(file)");
  return new ProcedureSearch(catalog.procedures.values(), catalog.fields, catalog.synonyms, catalog.elsewhere, words);
}
