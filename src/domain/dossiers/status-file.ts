/**
 * The portal's names of the ten dossier statuses (data/dossier-statuses.json): what exports
 * write in their "Trạng thái" column. What citizens read lives in locales/, not here.
 */
import { join } from "node:path";
import { z } from "zod";
import { CatalogError } from "../catalog/errors.ts";
import { parseEntry, readJsonFile } from "../catalog/read-json.ts";
import { foldVietnamese } from "../text/fold.ts";
import { DOSSIER_STATUSES, type DossierStatus } from "./status.ts";

export const dossierStatusEntry = z.strictObject({
  id: z.enum(DOSSIER_STATUSES),
  /** The national portal's number, 1-10. */
  portal: z.number().int().min(1).max(DOSSIER_STATUSES.length),
  /** The official Vietnamese label, as one-stop systems print it. */
  vi: z.string().min(1),
  en: z.string().min(1),
});
export type DossierStatusEntry = z.infer<typeof dossierStatusEntry>;

/**
 * Loads and checks data/dossier-statuses.json: every status once, each with the portal's own
 * number (the synchronisation list numbers them in a fixed order). Throws a CatalogError naming
 * file, entry and field, like the rest of the catalog: a wrong number would misread every import.
 */
export async function loadDossierStatuses(dataDir: string): Promise<DossierStatusEntry[]> {
  const file = join(dataDir, "dossier-statuses.json");
  const raw = parseEntry(z.array(z.unknown()), await readJsonFile(file), file, "(list)");
  const entries = raw.map((value, i) => parseEntry(dossierStatusEntry, value, file, entryName(value, i)));
  const seen = new Set<DossierStatus>();
  for (const entry of entries) {
    if (seen.has(entry.id)) throw new CatalogError(file, entry.id, "id", "this status is listed twice");
    seen.add(entry.id);
    const expected = DOSSIER_STATUSES.indexOf(entry.id) + 1;
    if (entry.portal !== expected) throw new CatalogError(file, entry.id, "portal", `the portal numbers this status ${expected}, not ${entry.portal}`);
  }
  const absent = DOSSIER_STATUSES.filter((id) => !seen.has(id));
  if (absent.length > 0) throw new CatalogError(file, "(list)", "", `missing statuses: ${absent.join(", ")}`);
  return entries;
}

/**
 * Finds a status as an export writes it: the official Vietnamese label (with or without tone
 * marks, any case), the English name, our id ("in_process") or the portal number ("4").
 */
export function statusFinder(entries: DossierStatusEntry[]): (text: string) => DossierStatus | undefined {
  const byName = new Map<string, DossierStatus>();
  for (const entry of entries) {
    for (const name of [entry.vi, entry.en, entry.id, String(entry.portal)]) byName.set(foldVietnamese(name), entry.id);
  }
  // "04" is the portal's 4 as a spreadsheet may pad it.
  return (text) => byName.get(foldVietnamese(text).replace(/^0+(?=\d)/, ""));
}

/** The status id, or the entry's position, to name an entry before it is validated. */
function entryName(value: unknown, index: number): string {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === "string" && id !== "" ? id : `#${index + 1}`;
}
