import type { DossierRepository } from "../domain/dossiers/repository.ts";
import type { CommunesOf, SubmitReports } from "../domain/dossiers/submit.ts";
import type { Store } from "../domain/store.ts";
import { openStore } from "./open.ts";

/** Where a command-line import's store is: the configuration's, as the bot opens it. */
interface StoreLocation {
  stateDir: string;
  databaseUrl?: string;
}

/**
 * How a command-line import hands its reports over: through the store the configuration names,
 * which applies them or queues them for the bot that writes it (see Store.submitReports).
 */
export async function openDossierSubmitter(location: StoreLocation): Promise<SubmitReports> {
  return async (reports, now) => {
    const store = await openStore(location);
    try {
      return await store.submitReports(reports, now);
    } finally {
      await store.close();
    }
  };
}

/**
 * Reads which commune stored dossiers belong to, from the store an import goes to (a snapshot
 * of the embedded store's files, even while a bot runs on it: reading never writes). The store
 * is opened at the first question and kept for the next ones until `close`.
 */
export function openDossierCommunes(location: StoreLocation): {
  communesOf: CommunesOf;
  close: () => Promise<void>;
} {
  let opened: Promise<Store> | undefined;
  const store = () => {
    opened ??= openStore(location);
    return opened;
  };
  return {
    communesOf: async (codes) => storedCommunes((await store()).dossiers, codes),
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}

/** The communes of the stored dossiers among `codes`. */
export async function storedCommunes(
  dossiers: Pick<DossierRepository, "get">,
  codes: string[],
): Promise<Map<string, string>> {
  const found = await Promise.all(codes.map((code) => dossiers.get(code)));
  return new Map(found.flatMap((d) => (d ? [[d.code, d.communeCode] as const] : [])));
}
