import { join } from "node:path";
import { z } from "zod";
import { parseEntry, readJsonFile } from "../domain/catalog/read-json.ts";
import { dossierReportSchema } from "../domain/dossiers/report.ts";
import type { DossierRepository } from "../domain/dossiers/repository.ts";

/**
 * Puts the sample dossiers of DATA_DIR/samples/dossiers.json in the store, so someone trying
 * the terminal chat can look one up (codes listed in docs/dossiers.md). A sample already in the store is
 * left as it is (its reports tell a story, such as a moved appointment, that is told once).
 */
export async function loadSampleDossiers(dataDir: string, dossiers: DossierRepository, now: Date): Promise<void> {
  const file = join(dataDir, "samples", "dossiers.json");
  const reports = parseEntry(z.array(dossierReportSchema), await readJsonFile(file), file, "(list)");
  const known = new Set<string>();
  for (const report of reports) if (await dossiers.get(report.code)) known.add(report.code);
  for (const report of reports.filter((r) => !known.has(r.code))) await dossiers.applyReports([report], now);
}
