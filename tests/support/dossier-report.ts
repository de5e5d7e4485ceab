import type { DossierReport } from "../../src/domain/dossiers/report.ts";

/** The code of the dossier `aReport` describes. */
export const REPORTED_CODE = "000.00.20.H40-250709-0001";

/** What a center's one-stop system reports about a birth registration, with overrides. */
export const aReport = (overrides: Partial<DossierReport> = {}): DossierReport => ({
  code: REPORTED_CODE,
  communeCode: "16855",
  procedureCode: "1.001193",
  applicantName: "Nguyễn Văn An",
  receivedAt: "2026-11-20T02:00:00.000Z",
  due: "2030-12-01T10:00:00.000Z",
  status: "in_process",
  ...overrides,
});
