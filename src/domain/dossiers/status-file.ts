/**
 * The portal's names of the ten dossier statuses (data/dossier-statuses.json) and the other
 * labels one-stop systems print for them (data/dossier-status-labels.json, extended per
 * deployment by DATA_DIR/dossier-status-labels.local.json): what exports write in their
 * "Trạng thái" column. What citizens read lives in locales/, not here.
 */
import { existsSync } from "node:fs";
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
export type DossierStatusEntry = z.infer<typeof dossierStatusEntry> & {
  /** Other labels exports print for it (any case, tones or spacing). */
  labels?: string[];
};

const LABELS_FILE = "dossier-status-labels.json";
/** A deployment's own spellings, kept apart so an update of data/ does not overwrite them. */
const LOCAL_LABELS_FILE = "dossier-status-labels.local.json";
const labelMap = z.partialRecord(z.enum(DOSSIER_STATUSES), z.array(z.string().min(1)));

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
    if (entry.portal !== expected)
      throw new CatalogError(
        file,
        entry.id,
        "portal",
        `the portal numbers this status ${expected}, not ${entry.portal}`,
      );
  }
  const absent = DOSSIER_STATUSES.filter((id) => !seen.has(id));
  if (absent.length > 0) throw new CatalogError(file, "(list)", "", `missing statuses: ${absent.join(", ")}`);
  const labels = await readLabelMaps(dataDir, entries);
  return entries.map((entry) => ({ ...entry, labels: labels.get(entry.id) ?? [] }));
}

/**
 * The label maps (shipped, then the deployment's), checked: a label may name one status only,
 * or an export would be read one way or the other depending on the file's order.
 */
async function readLabelMaps(dataDir: string, entries: DossierStatusEntry[]): Promise<Map<DossierStatus, string[]>> {
  const owner = new Map(entries.flatMap((e) => [e.vi, e.en, e.id].map((name) => [labelKey(name), e.id] as const)));
  const labels = new Map<DossierStatus, string[]>();
  for (const name of [LABELS_FILE, LOCAL_LABELS_FILE]) {
    const file = join(dataDir, name);
    if (!existsSync(file)) continue;
    const map = parseEntry(labelMap, await readJsonFile(file), file, "(map)");
    for (const [id, list] of Object.entries(map) as [DossierStatus, string[]][]) {
      for (const label of list) {
        const taken = owner.get(labelKey(label));
        if (taken && taken !== id)
          throw new CatalogError(file, id, label, `this label already names the status "${taken}"`);
        owner.set(labelKey(label), id);
      }
      labels.set(id, [...(labels.get(id) ?? []), ...list]);
    }
  }
  return labels;
}

/** Labels match whatever their case, tone marks or spacing ("Chờ bổ sung", "CHO BO  SUNG", "chờbổsung"). */
function labelKey(text: string): string {
  return foldVietnamese(text).replace(/ /g, "");
}

/**
 * Finds a status as an export writes it: the official Vietnamese label or another label of the
 * map (with or without tone marks, any case or spacing), the English name, our id
 * ("in_process") or the portal number ("4").
 */
export function statusFinder(entries: DossierStatusEntry[]): (text: string) => DossierStatus | undefined {
  const byName = new Map<string, DossierStatus>();
  for (const entry of entries) {
    for (const name of [entry.vi, entry.en, entry.id, String(entry.portal), ...(entry.labels ?? [])])
      byName.set(labelKey(name), entry.id);
  }
  // "04" is the portal's 4 as a spreadsheet may pad it.
  return (text) => byName.get(labelKey(text).replace(/^0+(?=\d)/, ""));
}

/** Every label an export may use, the portal's first: to list them when a file uses another. */
export function knownLabels(entries: DossierStatusEntry[]): string[] {
  // A one-stop system's label may repeat the portal's own ("Mới đăng ký"): each is listed once.
  return [...new Set([...entries.map((e) => e.vi), ...entries.flatMap((e) => e.labels ?? [])])];
}

/** The status id, or the entry's position, to name an entry before it is validated. */
function entryName(value: unknown, index: number): string {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === "string" && id !== "" ? id : `#${index + 1}`;
}
