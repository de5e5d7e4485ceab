import type { AppendLog } from "../append-log.ts";

/** One dossier look-up, as recorded for staff (demand, abuse). */
export interface LookupRecord {
  at: string;
  /** The dossier's commune when found, else the asker's commune, if known. */
  communeCode?: string;
  code: string;
  found: boolean;
  /** A keyed hash of the Telegram user id: never the raw id. */
  user: string;
}

export type LookupLog = AppendLog<LookupRecord>;
