import type { Notice } from "./notice.ts";

export interface NoticeRepository {
  add(notice: Notice): Promise<void>;
  setStatus(id: string, status: Notice["status"]): Promise<void>;
  get(id: string): Promise<Notice | undefined>;
  /** The commune's latest notices, newest first. */
  latest(communeCode: string, limit: number): Promise<Notice[]>;
  /** Notices still being sent (to resume after a restart). */
  sending(): Promise<Notice[]>;
  /** Every notice, oldest first (moving state between stores). */
  all(): Promise<Notice[]>;
}
