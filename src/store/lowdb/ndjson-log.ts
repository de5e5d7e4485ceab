import { type FileHandle, open, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { readJsonLines } from "./ndjson.ts";
import { makeStateDir, restrictStateFile, STATE_FILE_MODE } from "./state-files.ts";

interface PendingRecord {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Append-only records as JSON Lines, one file per day or month (e.g. lookups/2026-11-23.ndjson):
 * adding one costs the same whatever the size (unlike rewriting one growing JSON document), and
 * old records go by deleting whole files.
 */
export class NdjsonLog<T extends { at: string }> {
  /**
   * The file being appended to, kept open: opening and closing it for every record cost more
   * than the write. Whole lines go in one write at a time to a file opened for appending, so
   * records never interleave, and a record is on disk when `record` resolves.
   */
  private current: { name: string; handle: Promise<FileHandle> } | undefined;
  /**
   * Records made while a write is under way, by file: written together in one write once it
   * ends (a group commit). Many chats are served at once, and a write each cost the bot more
   * than the record's own work (a search, a card).
   */
  private readonly waiting = new Map<string, PendingRecord[]>();
  private writing = false;

  private constructor(
    private readonly dir: string,
    /** Characters of the ISO date that name a file: 10 for days, 7 for months. */
    private readonly period: 10 | 7,
  ) {}

  static async open<T extends { at: string }>(dir: string, period: "day" | "month"): Promise<NdjsonLog<T>> {
    await makeStateDir(dir);
    return new NdjsonLog<T>(dir, period === "day" ? 10 : 7);
  }

  /** Appends `entry`; resolves once it is on disk (with the records made meanwhile). */
  record(entry: T): Promise<void> {
    return new Promise((resolve, reject) => {
      const name = `${entry.at.slice(0, this.period)}.ndjson`;
      const line = `${JSON.stringify(entry)}\n`;
      const pending = this.waiting.get(name);
      if (pending) pending.push({ line, resolve, reject });
      else this.waiting.set(name, [{ line, resolve, reject }]);
      if (!this.writing) void this.flush();
    });
  }

  /** Writes what waits, file by file, until nothing does; a failed write fails its records only. */
  private async flush(): Promise<void> {
    this.writing = true;
    for (let next = this.waiting.entries().next(); !next.done; next = this.waiting.entries().next()) {
      const [name, records] = next.value;
      this.waiting.delete(name);
      try {
        const handle = await this.fileFor(name);
        await handle.write(records.map((r) => r.line).join(""));
        for (const r of records) r.resolve();
      } catch (error) {
        for (const r of records) r.reject(error);
      }
    }
    this.writing = false;
  }

  /** Closes the file being appended to (the store's `close`). */
  async close(): Promise<void> {
    const handle = this.current?.handle;
    this.current = undefined;
    await (await handle)?.close();
  }

  private fileFor(name: string): Promise<FileHandle> {
    if (this.current?.name !== name) {
      // A new day (or month): the old file is closed once its pending writes are done.
      void this.current?.handle.then((h) => h.close()).catch(() => undefined);
      const file = join(this.dir, name);
      this.current = { name, handle: restrictStateFile(file).then(() => open(file, "a", STATE_FILE_MODE)) };
    }
    return this.current.handle;
  }

  async *since(from: Date, onUnreadable?: () => void): AsyncIterable<T> {
    const first = from.toISOString().slice(0, this.period);
    for (const file of await this.files()) {
      if (file.slice(0, this.period) < first) continue;
      for await (const entry of readJsonLines<T>(join(this.dir, file), onUnreadable)) {
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
