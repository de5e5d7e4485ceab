import { appendFile, mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { readJsonLines } from "./ndjson.ts";
import type { EventLog, UnansweredQuery } from "../types.ts";

/**
 * Append-only records as JSON Lines, one file per kind and month
 * (STATE_DIR/events/unanswered-2026-11.ndjson): adding one costs the same whatever the size,
 * unlike rewriting one growing JSON document, and old months are removed by deleting a file.
 */
export class NdjsonEventLog implements EventLog {
  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<NdjsonEventLog> {
    await mkdir(dir, { recursive: true });
    return new NdjsonEventLog(dir);
  }

  async recordUnanswered(event: UnansweredQuery): Promise<void> {
    await appendFile(this.fileFor("unanswered", new Date(event.at)), `${JSON.stringify(event)}\n`);
  }

  async *unanswered(since: Date): AsyncIterable<UnansweredQuery> {
    const sinceMonth = monthOf(since);
    const files = (await readdir(this.dir))
      .filter((f) => f.startsWith("unanswered-") && f.slice(11, 18) >= sinceMonth)
      .sort();
    for (const file of files) {
      for await (const event of readJsonLines<UnansweredQuery>(join(this.dir, file))) {
        if (event.at >= since.toISOString()) yield event;
      }
    }
  }

  private fileFor(kind: string, at: Date): string {
    return join(this.dir, `${kind}-${monthOf(at)}.ndjson`);
  }
}

const monthOf = (d: Date) => d.toISOString().slice(0, 7);
