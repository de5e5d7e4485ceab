import type { Catalog } from "./domain/catalog/catalog.ts";
import { loadCatalog } from "./domain/catalog/load.ts";
import { ProcedureSearch } from "./domain/search/procedure-search.ts";
import { createI18n, type I18n } from "./i18n/index.ts";
import type { Logger } from "./logger.ts";
import { openLowStore } from "./store/lowdb/index.ts";
import type { Locale, Store } from "./store/types.ts";

/** Everything the bot needs, built once by main.ts (or a test) and passed in. */
export interface AppServices {
  catalog: Catalog;
  search: ProcedureSearch;
  store: Store;
  i18n: I18n;
  logger: Logger;
  defaultLocale: Locale;
}

export interface AppOptions {
  dataDir: string;
  stateDir: string;
  defaultLocale: Locale;
  logger: Logger;
}

/** Loads and validates the catalog, opens the store, prepares search and translations. */
export async function openApp({ dataDir, stateDir, defaultLocale, logger }: AppOptions): Promise<AppServices> {
  const catalog = await loadCatalog(dataDir);
  const search = new ProcedureSearch(catalog.procedures.values(), catalog.fields, catalog.synonyms);
  const store = await openLowStore(stateDir);
  const i18n = await createI18n(defaultLocale);
  return { catalog, search, store, i18n, logger, defaultLocale };
}
