import type { Api } from "grammy";
import type { PostedList } from "../../domain/catalog/schema.ts";
import { DOSSIER_HEADERS } from "../../domain/imports/dossier-import.ts";
import { POSTED_HEADERS, readPostedRows } from "../../domain/imports/posted-import.ts";
import { SheetError } from "../../domain/imports/types.ts";
import { foldVietnamese } from "../../domain/text/fold.ts";
import { dossierReadOptions, type ImportFile, importDossierFile } from "../../imports/dossier-file.ts";
import { type ImportReadOptions, openImportRows, readImportBytes, validateSheet } from "../../imports/read-import.ts";
import { bytesSource } from "../../imports/text-stream.ts";
import { storedCommunes } from "../../store/dossier-submit.ts";
import type { BotContext, ConversationContext } from "../context.ts";
import { type ImportReport, importReportMessage } from "../views/import-report.ts";
import { postedListMessage } from "../views/posted-list.ts";
import { audit } from "./roles.ts";

/** Telegram lets a bot download files up to 20 MB (getFile). */
export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

/** A document a staff member sent, as kept while they choose the commune (JSON: replayed). */
export interface Upload {
  fileId: string;
  name: string;
  size: number;
}

type UploadContext = BotContext | ConversationContext;

/** Both imports' column names: the header row is found before the kind of file is known. */
const ANY_HEADER: ReadonlySet<string> = new Set([...DOSSIER_HEADERS, ...POSTED_HEADERS]);
/** A one-stop export has a status column; a posted list has none. */
const STATUS_HEADERS = new Set(["trang thai", "status"]);

/**
 * Downloads an uploaded export or posted list and imports it for the commune, all or nothing,
 * through the same path as the command line; audits it and returns the report to send.
 * Which import it is comes from the header: a status column makes it a one-stop export.
 */
export async function importUpload(ctx: UploadContext, upload: Upload, communeCode: string): Promise<string> {
  const { services } = ctx;
  const bytes = await download(ctx.api, upload.fileId);
  const options = { ...dossierReadOptions(services.imports), headers: ANY_HEADER };
  const file = { source: bytesSource(bytes), name: upload.name, size: bytes.length };
  const header = (await headerOf(file, options)).map(foldVietnamese);
  // Anything else is read as an export, whose "missing columns" says what the file lacks.
  const kind =
    !header.some((h) => STATUS_HEADERS.has(h)) && header.some((h) => POSTED_HEADERS.has(h)) ? "catalog" : "dossiers";
  const report =
    kind === "dossiers"
      ? await importDossiers(ctx, file, options, communeCode)
      : await importPosted(ctx, await readImportBytes(bytes, upload.name, options), communeCode, upload.name);
  await audit(ctx, `${kind}.import`, communeCode, {
    file: upload.name,
    applied: report.applied,
    rejected: report.rejected.length,
    ...report.counts,
  });
  const commune = services.catalog.communes.get(communeCode)?.name ?? communeCode;
  const message = importReportMessage(report, { t: ctx.t, commune, file: upload.name });
  // A posted list just applied: staff see at once which of its procedures the bot cannot explain yet.
  return kind === "catalog" && report.applied
    ? `${message}\n\n${postedListMessage(services.catalog, communeCode, ctx.t)}`
    : message;
}

/** The file's header row; none when the file cannot be read (the import then says why). */
async function headerOf(file: ImportFile, options: ImportReadOptions): Promise<string[]> {
  try {
    return (await openImportRows(file.source, file.name, options)).header;
  } catch (error) {
    if (error instanceof SheetError) return [];
    throw error;
  }
}

async function importDossiers(
  ctx: UploadContext,
  file: ImportFile,
  read: ImportReadOptions,
  communeCode: string,
): Promise<ImportReport> {
  const { store, statuses, catalog } = ctx.services;
  const options = { communeCode, statuses, knownProcedureCodes: new Set(catalog.procedures.keys()) };
  // Applied at once: the bot is the writer of its own store; followers are told by the background job.
  const submit = async (reports: Parameters<typeof store.dossiers.applyReports>[0], now: Date) => ({
    outcomes: await store.dossiers.applyReports(reports, now),
    via: "applied" as const,
  });
  const outcome = await importDossierFile(file, {
    read,
    options,
    communesOf: (codes) => storedCommunes(store.dossiers, codes),
    submit,
    now: new Date(),
  });
  return { kind: "dossiers", applied: outcome.applied, counts: outcome.counts, rejected: outcome.rejected };
}

async function importPosted(
  ctx: UploadContext,
  sheet: Awaited<ReturnType<typeof readImportBytes>>,
  communeCode: string,
  name: string,
): Promise<ImportReport> {
  const { catalog, store } = ctx.services;
  const { procedures, uncatalogued, rejected } = validateSheet(sheet, (rows) => readPostedRows(rows, catalog), {
    procedures: [],
    uncatalogued: [],
    rejected: [],
  });
  const applied = rejected.length === 0;
  if (applied) {
    const list: PostedList = {
      commune: communeCode,
      source: name,
      importedAt: new Date().toISOString(),
      procedures,
      uncatalogued,
    };
    // In the store, not data/: every instance shows it (StaffChanges), and a new data/ keeps it.
    await store.postedLists.set(list);
    catalog.applyPostedList(list);
  }
  return { kind: "catalog", applied, counts: { procedures: procedures.length }, rejected };
}

/** getFile, then the file URL (which holds the token: never logged). */
async function download(api: Api, fileId: string): Promise<Uint8Array> {
  const file = await api.getFile(fileId);
  const root = api.options?.apiRoot ?? "https://api.telegram.org";
  const response = await fetch(`${root}/file/bot${api.token}/${file.file_path ?? ""}`);
  if (!response.ok) throw new Error(`the file could not be downloaded (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}
