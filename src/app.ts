import type { BroadcastConfig, DossierConfig, ImportLimits } from "./config.ts";
import { parseConfig } from "./config.ts";
import type { Catalog } from "./domain/catalog/catalog.ts";
import { loadCatalog } from "./domain/catalog/load.ts";
import { StaffChanges } from "./domain/catalog/staff-changes.ts";
import { LookupLimiter } from "./domain/dossiers/limiter.ts";
import type { LookupDeps } from "./domain/dossiers/lookup.ts";
import { followTokenOf, keyedHash, pseudonymOf } from "./domain/dossiers/pseudonym.ts";
import { type DossierStatusEntry, loadDossierStatuses } from "./domain/dossiers/status-file.ts";
import type { Locale } from "./domain/locale.ts";
import { loadSearch } from "./domain/search/load.ts";
import type { ProcedureSearch } from "./domain/search/procedure-search.ts";
import { createI18n, type I18n } from "./i18n/index.ts";
import { provincialApi } from "./integrations/provincial-api.ts";
import type { Logger } from "./logger.ts";
import type { BotStore } from "./store/bot-storage.ts";
import type { StateFileError } from "./store/errors.ts";
import { openStore } from "./store/open.ts";

/** Everything the bot needs, built once by main.ts (or a test) and passed in. */
export interface AppServices {
  catalog: Catalog;
  /** Brings centers and posted lists staff changed through any instance into `catalog`. */
  staffChanges: StaffChanges;
  /** Everything a dossier look-up needs. */
  dossierLookup: LookupDeps;
  /** Signs "notify me" buttons (see followTokenOf). */
  followToken: (chatId: number, code: string) => string;
  lookupRetentionDays: number;
  stateDir: string;
  /** The statuses and labels one-stop exports use. */
  statuses: DossierStatusEntry[];
  /** Caps on an uploaded import file (Telegram's own 20 MB cap comes first). */
  imports: ImportLimits;
  /** Telegram ids of the administrators (ADMIN_IDS). */
  adminIds: readonly number[];
  broadcast: BroadcastConfig;
  search: ProcedureSearch;
  store: BotStore;
  i18n: I18n;
  logger: Logger;
  defaultLocale: Locale;
}

export interface AppOptions {
  dossiers: DossierConfig;
  adminIds: number[];
  broadcast: BroadcastConfig;
  dataDir: string;
  stateDir: string;
  /** IMPORT_MAX_MB / IMPORT_MAX_ROWS; defaults to their defaults. */
  imports?: ImportLimits;
  /** Set: the shared PostgreSQL store instead of lowdb in stateDir. */
  databaseUrl?: string;
  defaultLocale: Locale;
  logger: Logger;
}

/** Loads and validates the catalog, opens the store, prepares search and translations. */
export async function openApp(options: AppOptions): Promise<AppServices> {
  const { dataDir, stateDir, defaultLocale, logger, dossiers } = options;
  const catalog = await loadCatalog(dataDir);
  const search = await loadSearch(dataDir, catalog);
  // The chat's id stays out of the log, as everywhere: the problem is what an operator needs.
  const onBrokenConversation = (_key: string, error: StateFileError) =>
    logger.warn(
      { problem: error.problem },
      "a conversation file could not be read: kept aside as *.broken, that chat starts afresh",
    );
  const store = await openStore({ ...options, onBrokenConversation });
  const staffChanges = new StaffChanges(catalog, store);
  await staffChanges.refresh();
  const i18n = await createI18n(defaultLocale);
  const statuses = await loadDossierStatuses(dataDir);
  const hash = keyedHash(dossiers.hashSecret ?? (await store.pseudonymSecret()));
  const dossierLookup: LookupDeps = {
    dossiers: store.dossiers,
    log: store.lookups,
    limiter: new LookupLimiter(dossiers.limits, store.lookupLimits),
    format: { pattern: dossiers.codePattern, example: dossiers.codeExample },
    requireKey: dossiers.requireLookupKey,
    pseudonym: pseudonymOf(hash),
    ...(dossiers.apiUrl
      ? { remote: provincialApi({ urlTemplate: dossiers.apiUrl, timeoutMs: dossiers.apiTimeoutMs, statuses }) }
      : {}),
  };
  return {
    catalog,
    staffChanges,
    search,
    store,
    i18n,
    logger,
    defaultLocale,
    dossierLookup,
    followToken: followTokenOf(hash),
    lookupRetentionDays: dossiers.retentionDays,
    stateDir,
    statuses,
    imports: options.imports ?? parseConfig({}).imports,
    adminIds: options.adminIds,
    broadcast: options.broadcast,
  };
}
