import { copyFile, readFile } from "node:fs/promises";
import { type Adapter, Low } from "lowdb";
import type { z } from "zod";
import { StateFileError } from "../errors.ts";
import { parseStateFile } from "./parse-state-file.ts";
import { restrictStateFile, writeStateFile } from "./state-files.ts";

interface PendingUpdate<T> {
  change: (data: T) => unknown;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * One JSON state file owned by one lowdb instance: compact JSON, atomic replace on write
 * (a temporary file renamed over it, mode 0600), validated on read. We use `Low` with our own
 * adapter on purpose: lowdb's presets keep data in memory when NODE_ENV=test, and its file
 * adapter creates files as the umask allows (0644: anyone on the machine could read them).
 */
export class JsonDocument<T> {
  private readonly db: Low<T>;
  private readonly waiting: PendingUpdate<T>[] = [];
  /** A flush is under way: it takes every update queued before it ends. */
  private flushing = false;
  /**
   * The file's text as last read or written: what memory goes back to when a write fails. Kept
   * instead of a copy of the data before each update, which would cost a deep copy of every
   * user for one user's change.
   */
  private saved: string;
  /** The text of the write under way. */
  private writing = "";

  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    defaultData: T,
  ) {
    const adapter: Adapter<T> = {
      read: async () => {
        const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return null;
          throw error;
        });
        if (text === null) return null;
        this.saved = text;
        return this.parse(text);
      },
      write: (data) => {
        this.writing = JSON.stringify(data);
        return writeStateFile(file, this.writing);
      },
    };
    this.db = new Low(adapter, defaultData);
    this.saved = JSON.stringify(defaultData);
  }

  /**
   * Reads the file. A broken one stops start-up with a StateFileError, after a copy of it is
   * kept aside (file.broken-<time>): whatever an operator does next, the evidence stays.
   */
  async open(): Promise<this> {
    try {
      return await this.load();
    } catch (error) {
      if (error instanceof StateFileError)
        await copyFile(this.file, `${this.file}.broken-${new Date().toISOString().replace(/[:.]/g, "-")}`);
      throw error;
    }
  }

  /** Reads the file; a broken one throws a StateFileError and is left as it is, for the caller to deal with. */
  async load(): Promise<this> {
    await this.db.read();
    await restrictStateFile(this.file);
    return this;
  }

  get data(): T {
    return this.db.data;
  }

  /**
   * Applies `change` to the data and writes the file, unless `change` returns false (nothing
   * changed). Updates made while a write is under way are applied together and written once
   * (a group commit): many chats are served at once, and each write rewrites the whole file.
   * If a write fails (disk full, read-only), the data in memory is put back as it was and every
   * update of that write is rejected, so memory and disk never disagree.
   */
  update(change: (data: T) => unknown): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ change, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /**
   * Writes batch after batch until none is waiting. The flag is cleared in the same synchronous
   * step as the last check for waiting updates: an update made by the code the last batch
   * resumes (which runs only after) then starts a flush of its own instead of waiting forever.
   */
  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0);
      const applied = this.applyAll(batch);
      try {
        if (applied.changed) {
          await this.db.write();
          this.saved = this.writing;
        }
      } catch (error) {
        this.db.data = this.parse(this.saved);
        for (const u of applied.updates) u.reject(error);
        continue;
      }
      for (const u of applied.updates) u.resolve();
    }
    this.flushing = false;
  }

  /** Applies a batch's changes; one that throws is rejected and leaves no trace (the others are replayed). */
  private applyAll(batch: PendingUpdate<T>[]): { updates: PendingUpdate<T>[]; changed: boolean } {
    const updates: PendingUpdate<T>[] = [];
    let changed = false;
    for (const u of batch) {
      try {
        if (u.change(this.db.data) !== false) changed = true;
        updates.push(u);
      } catch (error) {
        u.reject(error);
        this.db.data = this.parse(this.saved);
        for (const done of updates) done.change(this.db.data);
      }
    }
    return { updates, changed };
  }

  private parse(text: string): T {
    return parseStateFile(this.file, text, this.schema);
  }
}
