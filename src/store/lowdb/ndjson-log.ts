import { appendFile, mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { readJsonLines } from "./ndjson.ts";

/**
 * Append-only records as JSON Lines, one file per day or month (e.g. lookups/2026-11-23.ndjson):
 * adding one costs the same whatever the size (unlike rewriting one growing JSON document), and
 * old records go by deleting whole files.
 */
export class NdjsonLog<T extends { at: string }> {
  private constructor(
    private readonly dir: string,
    /** Characters of the ISO date that name a file: 10 for days, 7 for months. */
    private readonly period: 10 | 7,
  ) {}

  static async open<T extends { at: string }>(dir: string, period: "day" | "month"): Promise<NdjsonLog<T>> {
    await mkdir(dir, { recursive: true });
    return new NdjsonLog<T>(dir, period === "day" ? 10 : 7);
  }

  async record(entry: T): Promise<void> {
    await appendFile(join(this.dir, `${entry.at.slice(0, this.period)}.ndjson`), `${JSON.stringify(entry)}\n`);
  }

  async *since(from: Date): AsyncIterable<T> {
    const first = from.toISOString().slice(0, this.period);
    for (const file of await this.files()) {
      if (file.slice(0, this.period) < first) continue;
      for await (const entry of readJsonLines<T>(join(this.dir, file))) {
        if (entry.at >= from.toISOString()) yield entry;
      }
    }
  }

  /** Deletes the files whose whole period lies before `before`. */
  async prune(before: Date): Promise<void> {
    const cutoff = before.toISOString().slice(0, this.period);
    for (const file of await this.files()) {
      if (file.slice(0, this.period) < cutoff) await rm(join(this.dir, file), { force: true });
    }
  }

  private async files(): Promise<string[]> {
    return (await readdir(this.dir)).filter((f) => f.endsWith(".ndjson")).sort();
  }
}
