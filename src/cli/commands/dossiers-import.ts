import type { ImportLimits } from "../../config.ts";
import { loadCatalog } from "../../domain/catalog/load.ts";
import { loadDossierStatuses } from "../../domain/dossiers/status-file.ts";
import { dossierReadOptions, importDossierFile } from "../../imports/dossier-file.ts";
import { openDossierCommunes, openDossierSubmitter } from "../../store/dossier-submit.ts";
import { importFileAt } from "../read-import-file.ts";
import { UsageError } from "../usage-error.ts";
import { parseFlags } from "./args.ts";
import { printReport } from "./report.ts";

/**
 * `dossiers import FILE --commune ID [--json]`: the export of the province's one-stop system
 * (.csv, .xlsx or .json). All or nothing: with any rejected row nothing is applied and the exit code
 * is 1. The same file twice changes nothing the second time, so nobody is notified twice.
 */
export async function dossiersImportCommand(
  args: string[],
  dirs: { dataDir: string; stateDir: string; databaseUrl?: string; imports: ImportLimits },
): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    commune: { type: "string" },
    json: { type: "boolean", default: false },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError("give exactly one FILE (.csv, .xlsx or .json)");
  if (!values.commune) throw new UsageError("--commune ID is required");
  const catalog = await loadCatalog(dirs.dataDir);
  const commune = catalog.communes.get(values.commune);
  if (!commune) throw new UsageError(`unknown commune "${values.commune}": use its 5-digit code, e.g. 16855`);

  const read = dossierReadOptions(dirs.imports);
  const source = await importFileAt(file, read);
  const options = {
    communeCode: commune.code,
    statuses: await loadDossierStatuses(dirs.dataDir),
    knownProcedureCodes: new Set(catalog.procedures.keys()),
  };
  const submit = await openDossierSubmitter(dirs);
  const communes = openDossierCommunes(dirs);
  const { applied, via, counts, rejected } = await importDossierFile(source, {
    read,
    options,
    communesOf: communes.communesOf,
    submit,
    now: new Date(),
  }).finally(communes.close);
  if (!applied) {
    const summary = `${commune.name}: nothing imported from ${file} (${rejected.length} rows rejected). Fix them and run again.`;
    await printReport({ applied: false, file, commune: commune.code, ...counts, rejected }, values.json, summary);
    return 1;
  }
  const summary = [
    `${commune.name}: ${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged.`,
    ...(via === "queued" ? ["The running bot will apply it within a few seconds."] : []),
  ].join("\n");
  await printReport({ applied: true, via, file, commune: commune.code, ...counts, rejected }, values.json, summary);
  return 0;
}
