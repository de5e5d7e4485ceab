import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { appendFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { makeStateDir, STATE_FILE_MODE } from "./state-files.ts";

/** Items held in memory before they go to the spool's files: a few MB at most. */
const IN_MEMORY = 2_000;

/**
 * Items of one change sorted by the shard they go to, each with its position in the change.
 * A change of 200,000 dossiers would not fit in memory as objects: past a few thousand items
 * they wait as JSON lines in files of the state folder (it holds personal data: not /tmp), and
 * each shard then reads back only its own.
 */
export class ShardSpool<T> {
  private readonly lines = new Map<string, string[]>();
  private readonly spilled = new Set<string>();
  private held = 0;
  private readonly dir: string;

  constructor(parent: string) {
    this.dir = join(parent, `.spool-${randomUUID().slice(0, 8)}`);
  }

  async add(key: string, at: number, item: T): Promise<void> {
    const lines = this.lines.get(key) ?? [];
    lines.push(JSON.stringify([at, item]));
    this.lines.set(key, lines);
    if (++this.held >= IN_MEMORY) await this.spill();
  }

  keys(): string[] {
    return [...new Set([...this.spilled, ...this.lines.keys()])].sort();
  }

  /**
   * One shard's items, in the order they were added, read back a line at a time: a month of a
   * large import is some 15,000 dossiers, and its whole file as one string (then split) would
   * hold it three times over.
   */
  async *of(key: string): AsyncIterable<[number, T]> {
    if (this.spilled.has(key)) {
      const lines = createInterface({
        input: createReadStream(this.fileOf(key), "utf8"),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      for await (const line of lines) if (line) yield JSON.parse(line);
    }
    for (const line of this.lines.get(key) ?? []) yield JSON.parse(line);
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  private async spill(): Promise<void> {
    await makeStateDir(this.dir);
    for (const [key, lines] of this.lines) {
      await appendFile(this.fileOf(key), `${lines.join("\n")}\n`, { mode: STATE_FILE_MODE });
      this.spilled.add(key);
    }
    this.lines.clear();
    this.held = 0;
  }

  private fileOf(key: string): string {
    return join(this.dir, `${encodeURIComponent(key)}.ndjson`);
  }
}
