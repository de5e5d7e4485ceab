import { existsSync } from "node:fs";
import { appendFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DeliveryLog, DeliveryRecord } from "../../domain/notices/delivery.ts";
import { readJsonLines } from "./ndjson.ts";
import { makeStateDir, STATE_FILE_MODE, writeStateFile } from "./state-files.ts";

/**
 * Per notice: STATE_DIR/broadcasts/<id>.recipients.json, written once (atomically), and
 * <id>.ndjson, one line appended per recipient handled. Appending keeps each record cheap at
 * 10,000 recipients, and a line is on disk before the next message is sent.
 */
export class FileDeliveryLog implements DeliveryLog {
  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<FileDeliveryLog> {
    await makeStateDir(dir);
    return new FileDeliveryLog(dir);
  }

  async setRecipients(noticeId: string, chatIds: number[]): Promise<void> {
    await writeStateFile(this.file(noticeId, "recipients.json"), JSON.stringify(chatIds));
  }

  async recipients(noticeId: string): Promise<number[]> {
    const file = this.file(noticeId, "recipients.json");
    return existsSync(file) ? (JSON.parse(await readFile(file, "utf8")) as number[]) : [];
  }

  async record(noticeId: string, entry: DeliveryRecord): Promise<void> {
    await appendFile(this.file(noticeId, "ndjson"), `${JSON.stringify(entry)}\n`, { mode: STATE_FILE_MODE });
  }

  async records(noticeId: string): Promise<DeliveryRecord[]> {
    const out: DeliveryRecord[] = [];
    for await (const r of readJsonLines<DeliveryRecord>(this.file(noticeId, "ndjson"))) out.push(r);
    return out;
  }

  private file(noticeId: string, suffix: string): string {
    if (!/^[\w-]+$/.test(noticeId)) throw new Error(`invalid notice id ${noticeId}`);
    return join(this.dir, `${noticeId}.${suffix}`);
  }
}
