import { copyFile } from "node:fs/promises";
import { Low } from "lowdb";
import { DataFile } from "lowdb/node";
import type { z } from "zod";
import { StateFileError } from "../errors.ts";

/**
 * One JSON state file owned by one lowdb instance: compact JSON, atomic replace on write
 * (steno writes a temporary file and renames it), validated on read. We use `Low` with an
 * explicit adapter on purpose: lowdb's presets keep data in memory when NODE_ENV=test.
 */
export class JsonDocument<T> {
  private readonly db: Low<T>;

  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    defaultData: T,
  ) {
    const adapter = new DataFile<T>(file, {
      parse: (text) => this.parse(text),
      stringify: (data) => JSON.stringify(data),
    });
    this.db = new Low(adapter, defaultData);
  }

  /**
   * Reads the file. A broken one stops start-up with a StateFileError, after a copy of it is
   * kept aside (file.broken-<time>): whatever an operator does next, the evidence stays.
   */
  async open(): Promise<this> {
    try {
      await this.db.read();
    } catch (error) {
      if (error instanceof StateFileError) await copyFile(this.file, `${this.file}.broken-${new Date().toISOString().replace(/[:.]/g, "-")}`);
      throw error;
    }
    return this;
  }

  get data(): T {
    return this.db.data;
  }

  /**
   * Applies `change` to the data and writes the file, unless `change` returns false (nothing
   * changed). If the write fails (disk full, read-only) the data in memory is put back as it
   * was, so memory and disk never disagree.
   */
  async update(change: (data: T) => void | boolean): Promise<void> {
    const before = structuredClone(this.db.data);
    if (change(this.db.data) === false) return;
    try {
      await this.db.write();
    } catch (error) {
      this.db.data = before;
      throw error;
    }
  }

  private parse(text: string): T {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new StateFileError(this.file, "(file)", "", `not valid JSON: ${(error as Error).message}`);
    }
    const result = this.schema.safeParse(raw);
    if (!result.success) {
      const path = result.error.issues[0]?.path.map(String) ?? [];
      throw new StateFileError(this.file, path.slice(0, 2).join(".") || "(file)", path.slice(2).join("."), result.error.issues[0]?.message ?? "invalid");
    }
    return result.data;
  }
}
