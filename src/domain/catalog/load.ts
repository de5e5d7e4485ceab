import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { CommuneDirectory } from "../communes/directory.ts";
import { provinceKey } from "../communes/names.ts";
import { loadNationalCommunes } from "../communes/national-list.ts";
import type { Commune } from "../communes/types.ts";
import { loadElsewhere } from "../elsewhere/load.ts";
import { Catalog } from "./catalog.ts";
import { CatalogError } from "./errors.ts";
import { checkProcedure } from "./lint.ts";
import { entryName, parseEntry, readJsonFile, readJsonFiles } from "./read-json.ts";
import {
  type CommuneDetails,
  communeDetails,
  fieldList,
  type ImportedCenters,
  importedCenters,
  type PostedList,
  type Procedure,
  postedList,
  procedure,
  provinceWideList,
  synonymsFile,
} from "./schema.ts";

/**
 * Loads and validates the whole catalog from `dataDir`. Throws a CatalogError naming the file,
 * the entry and the field at the first problem: a broken catalog must stop start-up.
 */
export async function loadCatalog(dataDir: string): Promise<Catalog> {
  const fieldsFile = join(dataDir, "fields.json");
  const fields = parseEntry(fieldList, await readJsonFile(fieldsFile), fieldsFile, "(list)");
  const fieldIds = new Set(fields.map((f) => f.id));
  const procedures = await loadProcedures(join(dataDir, "procedures"), fieldIds);
  const codes = new Set(procedures.map((p) => p.code));
  const synonymsPath = join(dataDir, "synonyms.json");
  const synonyms = parseEntry(synonymsFile, await readJsonFile(synonymsPath), synonymsPath, "(file)");
  const communes = await loadNationalCommunes();
  const directory = new CommuneDirectory(communes);
  await attachDetails(join(dataDir, "communes"), directory, codes);
  await attachImportedCenters(join(dataDir, "centers.json"), directory);
  const posted = await loadPostedLists(join(dataDir, "posted"), directory, codes);
  const elsewhere = await loadElsewhere(dataDir);
  const provinceWide = await loadProvinceWideLists(join(dataDir, "province-wide"), directory, codes);
  return new Catalog(fields, procedures, directory, synonyms, posted, elsewhere, provinceWide);
}

/** Every *.json file below `dir`, sorted, or none when the folder does not exist. */
async function jsonFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true });
  return entries
    .filter((e) => e.endsWith(".json"))
    .map((e) => join(dir, e))
    .sort();
}

async function loadProcedures(dir: string, fieldIds: Set<string>): Promise<Procedure[]> {
  const procedures: Procedure[] = [];
  const seen = new Set<string>();
  const files = await jsonFiles(dir);
  for (const [k, raw] of readJsonFiles(files).entries()) {
    const file = files[k] as string;
    const entry = entryName(raw, relative(dir, file));
    const parsed = parseEntry(procedure, raw, file, entry);
    if (seen.has(parsed.code)) throw new CatalogError(file, entry, "code", "this code is used by another file");
    if (!file.endsWith(`${parsed.code}.json`)) {
      throw new CatalogError(file, entry, "code", `the file must be named ${parsed.code}.json`);
    }
    checkProcedure(parsed, fieldIds, file);
    seen.add(parsed.code);
    procedures.push(parsed);
  }
  if (procedures.length === 0) throw new CatalogError(dir, "(folder)", "", "no procedure files found");
  return procedures;
}

async function attachDetails(dir: string, directory: CommuneDirectory, codes: Set<string>): Promise<void> {
  const files = await jsonFiles(dir);
  for (const [k, raw] of readJsonFiles(files).entries()) {
    const file = files[k] as string;
    const details = parseEntry(communeDetails, raw, file, entryName(raw, relative(dir, file)));
    const commune = knownCommune(directory, details.code, file);
    checkCommuneDetails(details, commune, codes, file);
    commune.details = details;
    commune.center = commune.dataCenter = details.center;
  }
}

function knownCommune(directory: CommuneDirectory, code: string, file: string): Commune {
  const commune = directory.get(code);
  if (!commune) throw new CatalogError(file, code, "code", "no commune has this code in the national list");
  return commune;
}

function checkCommuneDetails(details: CommuneDetails, commune: Commune, codes: Set<string>, file: string): void {
  if (details.name !== commune.name || details.province !== commune.province) {
    throw new CatalogError(file, details.code, "name", `expected "${commune.name}" in "${commune.province}"`);
  }
  const referenced = [
    ...Object.keys(details.procedureNotes).map((c) => ["procedureNotes", c] as const),
    ...details.extraProcedures.map((c) => ["extraProcedures", c] as const),
  ];
  for (const [field, code] of referenced) {
    if (!codes.has(code)) throw new CatalogError(file, details.code, field, `unknown procedure ${code}`);
  }
}

async function attachImportedCenters(file: string, directory: CommuneDirectory): Promise<void> {
  if (!existsSync(file)) return;
  const imported: ImportedCenters = parseEntry(importedCenters, await readJsonFile(file), file, "(file)");
  for (const [code, center] of Object.entries(imported.centers)) {
    const commune = knownCommune(directory, code, file);
    // Hand-written details are checked by people; an import never overrides them.
    commune.center ??= commune.dataCenter = {
      name: { vi: `Trụ sở UBND ${commune.name}`, en: `${commune.name} People's Committee headquarters` },
      // Without a street address, the commune and province say where; the pin says exactly.
      address: center.address ?? `${commune.name}, ${commune.province}`,
      ...(center.location ? { location: center.location } : {}),
      verified: false,
      headquarters: true,
      source: `${imported.source}${imported.dataAsOf ? `, data as of ${imported.dataAsOf}` : ""} (imported ${imported.importedAt.slice(0, 10)})`,
    };
  }
}

async function loadPostedLists(
  dir: string,
  directory: CommuneDirectory,
  codes: Set<string>,
): Promise<Map<string, PostedList>> {
  const lists = new Map<string, PostedList>();
  const files = await jsonFiles(dir);
  for (const [k, raw] of readJsonFiles(files).entries()) {
    const file = files[k] as string;
    const list = parseEntry(postedList, raw, file, relative(dir, file));
    knownCommune(directory, list.commune, file);
    list.procedures.forEach((p, i) => {
      if (!codes.has(p.code)) throw new CatalogError(file, `#${i + 1}`, "code", `unknown procedure ${p.code}`);
    });
    lists.set(list.commune, catchUp(list, codes));
  }
  return lists;
}

/** A posted procedure the catalog has gained since the import counts as posted from now on. */
function catchUp(list: PostedList, codes: Set<string>): PostedList {
  const gained = list.uncatalogued.filter((p) => codes.has(p.code));
  if (gained.length === 0) return list;
  return {
    ...list,
    procedures: [...list.procedures, ...gained.map((p) => ({ code: p.code }))],
    uncatalogued: list.uncatalogued.filter((p) => !codes.has(p.code)),
  };
}

/** Province-wide lists by province key ("nghe an"), each checked against the provinces and codes. */
async function loadProvinceWideLists(
  dir: string,
  directory: CommuneDirectory,
  codes: Set<string>,
): Promise<Map<string, ReadonlySet<string>>> {
  const provinces = new Set([...directory.all()].map((c) => provinceKey(c.province)));
  const lists = new Map<string, ReadonlySet<string>>();
  const files = await jsonFiles(dir);
  for (const [k, raw] of readJsonFiles(files).entries()) {
    const file = files[k] as string;
    const list = parseEntry(provinceWideList, raw, file, relative(dir, file));
    const key = provinceKey(list.province);
    if (!provinces.has(key))
      throw new CatalogError(file, list.province, "province", "no such province in the national list");
    for (const code of list.procedures) {
      if (!codes.has(code)) throw new CatalogError(file, list.province, "procedures", `unknown procedure ${code}`);
    }
    lists.set(key, new Set(list.procedures));
  }
  return lists;
}
