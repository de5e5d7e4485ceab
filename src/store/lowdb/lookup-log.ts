import { appendFile, mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { readJsonLines } from "./ndjson.ts";
import type { LookupLog, LookupRecord } from "../types.ts";

/**
 * Recorded dossier look-ups as JSON Lines, one file per day (STATE_DIR/lookups/2026-11-23.ndjson).
 * Recording appends one line, whatever the size of the log; pruning deletes whole days.
 */
export class NdjsonLookupLog implements LookupLog {
  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<NdjsonLookupLog> {
    await mkdir(dir, { recursive: true });
    return new NdjsonLookupLog(dir);
  }

  async record(entry: LookupRecord): Promise<void> {
    await appendFile(join(this.dir, `${entry.at.slice(0, 10)}.ndjson`), `${JSON.stringify(entry)}\n`);
  }

  async prune(before: Date): Promise<void> {
    const cutoff = before.toISOString().slice(0, 10);
    for (const file of await this.days()) {
      if (file.slice(0, 10) < cutoff) await rm(join(this.dir, file), { force: true });
    }
  }

  async *since(from: Date): AsyncIterable<LookupRecord> {
    const first = from.toISOString().slice(0, 10);
    for (const file of await this.days()) {
      if (file.slice(0, 10) < first) continue;
      for await (const record of readJsonLines<LookupRecord>(join(this.dir, file))) {
        if (record.at >= from.toISOString()) yield record;
      }
    }
  }

  private async days(): Promise<string[]> {
    return (await readdir(this.dir)).filter((f) => /^\d{4}-\d{2}-\d{2}\.ndjson$/.test(f)).sort();
  }
}
