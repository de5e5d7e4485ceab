import { z } from "zod";
import { type Notice, noticeSchema } from "../../domain/notices/notice.ts";
import type { NoticeRepository } from "../../domain/notices/repository.ts";
import { JsonDocument } from "./json-document.ts";

const noticesFile = z.strictObject({ notices: z.array(noticeSchema) });
type NoticesFile = z.infer<typeof noticesFile>;

/** Notices in STATE_DIR/notices.json (a few a week per commune: small). */
export class LowNoticeRepository implements NoticeRepository {
  private constructor(private readonly doc: JsonDocument<NoticesFile>) {}

  static async open(file: string): Promise<LowNoticeRepository> {
    return new LowNoticeRepository(await new JsonDocument(file, noticesFile, { notices: [] }).open());
  }

  async add(n: Notice): Promise<void> {
    await this.doc.update((data) => void data.notices.push(n));
  }

  async setStatus(id: string, status: Notice["status"]): Promise<void> {
    await this.doc.update((data) => {
      const found = data.notices.find((n) => n.id === id);
      if (!found || found.status === status) return false;
      found.status = status;
      return true;
    });
  }

  async get(id: string): Promise<Notice | undefined> {
    return this.doc.data.notices.find((n) => n.id === id);
  }

  async latest(communeCode: string, limit: number): Promise<Notice[]> {
    return this.doc.data.notices
      .filter((n) => n.communeCode === communeCode)
      .slice(-limit)
      .reverse();
  }

  async all(): Promise<Notice[]> {
    return [...this.doc.data.notices];
  }

  async sending(): Promise<Notice[]> {
    return this.doc.data.notices.filter((n) => n.status === "sending");
  }
}
