import type { AppendLog } from "../append-log.ts";

/** One staff or administrator action: who, what, when, which commune. */
export interface AuditEntry {
  at: string;
  actor: number;
  action: string;
  communeCode?: string;
  details?: Record<string, unknown>;
}

export type AuditLog = AppendLog<AuditEntry>;
