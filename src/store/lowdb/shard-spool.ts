import { randomUUID } from "node:crypto";
import { appendFile, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
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

  /** One shard's items, in the order they were added. */
  async of(key: string): Promise<[number, T][]> {
    const spilled = this.spilled.has(key) ? (await readFile(this.fileOf(key), "utf8")).split("\n") : [];
    return [...spilled, ...(this.lines.get(key) ?? [])].filter(Boolean).map((line) => JSON.parse(line));
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
