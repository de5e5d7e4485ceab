import { fileURLToPath } from "node:url";
import type { Catalog } from "../../src/domain/catalog/catalog.ts";
import { loadCatalog } from "../../src/domain/catalog/load.ts";
import { loadSearch } from "../../src/domain/search/load.ts";
import type { ProcedureSearch } from "../../src/domain/search/procedure-search.ts";

/** The catalog shipped in data/, loaded once per test file. */
export const DATA_DIR = fileURLToPath(new URL("../../data", import.meta.url));

let shipped: Promise<Catalog> | undefined;
export function shippedCatalog(): Promise<Catalog> {
  shipped ??= loadCatalog(DATA_DIR);
  return shipped;
}

export async function shippedSearch(): Promise<ProcedureSearch> {
  const catalog = await shippedCatalog();
  return loadSearch(DATA_DIR, catalog);
}
