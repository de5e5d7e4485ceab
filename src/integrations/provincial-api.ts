import type { RemoteAnswer } from "../domain/dossiers/lookup.ts";
import type { DossierStatusEntry } from "../domain/dossiers/status-file.ts";
import { readDossierRows, recordCells } from "../domain/imports/dossier-import.ts";
import { foldVietnamese } from "../domain/text/fold.ts";

export interface ProvincialApiOptions {
  /** e.g. "https://motcua.example.gov.vn/api/hoso/{code}" */
  urlTemplate: string;
  timeoutMs: number;
  statuses: DossierStatusEntry[];
  fetch?: typeof fetch;
}

/** Keys (folded) a provincial record may use for the commune's statistics office code. */
const COMMUNE_KEYS = new Set(["commune code", "ma xa"]);

/**
 * Asks the province's one-stop system about one dossier. It answers one JSON record with the
 * same keys as an export file (Mã hồ sơ, Trạng thái, Ngày hẹn trả... or code, status, due_at...),
 * alone or as { "data": record }; 404 or an empty answer means the code is unknown there.
 * A timeout, a network error, a 5xx or a record we cannot read all mean "unavailable": the
 * citizen is told kindly, and what we already know is still shown.
 */
export function provincialApi(options: ProvincialApiOptions): (code: string) => Promise<RemoteAnswer> {
  const request = options.fetch ?? fetch;
  return async (code) => {
    const url = options.urlTemplate.replace("{code}", encodeURIComponent(code));
    let response: Response;
    try {
      response = await request(url, {
        signal: AbortSignal.timeout(options.timeoutMs),
        headers: { accept: "application/json" },
      });
    } catch {
      return { kind: "unavailable" };
    }
    if (response.status === 404) return { kind: "not_found" };
    if (!response.ok) return { kind: "unavailable" };
    const body = (await response.json().catch(() => undefined)) as unknown;
    const record = (body as { data?: unknown } | null)?.data ?? body;
    if (record === null || record === undefined || (Array.isArray(record) && record.length === 0))
      return { kind: "not_found" };
    return readRecord(Array.isArray(record) ? record[0] : record, options.statuses);
  };
}

function readRecord(record: unknown, statuses: DossierStatusEntry[]): RemoteAnswer {
  if (typeof record !== "object" || record === null || Array.isArray(record)) return { kind: "unavailable" };
  const cells = recordCells(record as Record<string, unknown>);
  const communeKey = Object.keys(cells).find((k) => COMMUNE_KEYS.has(foldVietnamese(k)));
  const { reports } = readDossierRows([{ line: 1, cells }], {
    communeCode: communeKey ? (cells[communeKey] ?? "") : "",
    statuses,
  });
  const report = reports[0];
  return report ? { kind: "found", report } : { kind: "unavailable" };
}
