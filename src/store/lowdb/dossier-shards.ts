import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import { z } from "zod";
import { parseStateFile } from "./parse-state-file.ts";
import { makeStateDir, restrictStateFile, writeStateFile } from "./state-files.ts";

/**
 * Where dossiers live: STATE_DIR/dossiers/<commune>/<yyyy-mm>.json, one file per commune and
 * month of receipt, so an import rewrites the months it changes and nothing else. A shard's key
 * is its path under that folder without ".json"; notifications of dossiers not stored (moved
 * from another store before their dossier) go to the key "unfiled".
 */
export const UNFILED = "unfiled";

/** The shard a dossier is filed in when first stored; it stays there whatever changes later. */
export function shardKeyOf(communeCode: string, receivedAt: string): string {
  const month = /^\d{4}-\d{2}/.exec(receivedAt)?.[0] ?? "undated";
  return `${encodeURIComponent(communeCode) || "_"}/${month}`;
}

/** A shard as written: its dossiers and the notifications their changes queued. */
export interface ShardData<D, N> {
  dossiers: Record<string, D>;
  outbox: N[];
}

/** Dossiers turned into text at a time when a shard is written. */
const WRITE_BATCH = 500;

/**
 * A shard as JSON text, in pieces: a month of a large import is some 10 MB of JSON, which as one
 * string (two bytes a character for Vietnamese text) and then its bytes would be held twice over.
 */
export async function* shardJson<D, N>(shard: ShardData<D, N>): AsyncIterable<string> {
  let piece = '{"dossiers":{';
  let count = 0;
  for (const code of Object.keys(shard.dossiers)) {
    piece += `${count++ === 0 ? "" : ","}${JSON.stringify(code)}:${JSON.stringify(shard.dossiers[code])}`;
    if (count % WRITE_BATCH !== 0) continue;
    yield piece;
    piece = "";
  }
  yield `${piece}},"outbox":${JSON.stringify(shard.outbox)}}`;
}

const JOURNAL = "commit.json";
const journalSchema = z.strictObject({ renames: z.array(z.tuple([z.string(), z.string()])) });

/**
 * The shard files and how a change of several is made all at once: each new shard is written
 * beside its file (".<name>.<commit>.pending"), then a journal names them all, then each is
 * renamed over its file and the journal removed. A crash before the journal leaves pending files
 * that the next start removes (nothing happened); after it, the next start finishes the renames
 * (everything happened).
 */
export class DossierShardFiles<D, N> {
  constructor(
    readonly dir: string,
    private readonly schema: z.ZodType<ShardData<D, N>>,
  ) {}

  file(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  /** Finishes or forgets a commit a crash interrupted. Called once, before anything is read. */
  async recover(): Promise<void> {
    await makeStateDir(this.dir);
    const journal = join(this.dir, JOURNAL);
    if (existsSync(journal)) {
      const { renames } = parseStateFile(journal, await readFile(journal, "utf8"), journalSchema);
      for (const [pending, file] of renames)
        if (existsSync(join(this.dir, pending))) await rename(join(this.dir, pending), join(this.dir, file));
      await rm(journal);
    }
    // Staged shards of a commit never journaled, and the spools of changes a crash cut short.
    for (const stray of (await this.walk()).filter((f) => f.endsWith(".pending"))) await rm(join(this.dir, stray));
    for (const entry of await readdir(this.dir))
      if (entry.startsWith(".spool-")) await rm(join(this.dir, entry), { recursive: true, force: true });
  }

  /** Every shard's key, in a stable order. */
  async keys(): Promise<string[]> {
    return (await this.walk())
      .filter((f) => f.endsWith(".json") && f !== JOURNAL && !f.split("/").some((part) => part.startsWith(".")))
      .map((f) => f.slice(0, -".json".length))
      .sort();
  }

  /** A shard as on disk; one not written yet is empty. */
  async read(key: string): Promise<ShardData<D, N>> {
    const file = this.file(key);
    const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (text === undefined) return { dossiers: {}, outbox: [] };
    await restrictStateFile(file);
    return parseStateFile(file, text, this.schema);
  }

  /** Starts a commit: shards staged with `stage` are applied together by `commit`. */
  begin(): ShardCommit {
    return new ShardCommit(this.dir, (key) => this.file(key));
  }

  private async walk(): Promise<string[]> {
    if (!existsSync(this.dir)) return [];
    const entries = await readdir(this.dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => relative(this.dir, join(e.parentPath, e.name)).split(sep).join("/"));
  }
}

/** Shards written aside one by one (one in memory at a time), then renamed in together. */
export class ShardCommit {
  private readonly id = randomUUID().slice(0, 8);
  private readonly renames: [string, string][] = [];
  /** The shards staged so far. */
  readonly keys = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly fileOf: (key: string) => string,
  ) {}

  async stage(key: string, text: string | AsyncIterable<string>): Promise<void> {
    const file = this.fileOf(key);
    const pending = join(dirname(file), `.${basename(file)}.${this.id}.pending`);
    await makeStateDir(dirname(file));
    await writeStateFile(pending, text);
    this.renames.push([relative(this.dir, pending), relative(this.dir, file)]);
    this.keys.add(key);
  }

  async commit(): Promise<void> {
    if (this.renames.length === 0) return;
    const journal = join(this.dir, JOURNAL);
    await writeStateFile(journal, JSON.stringify({ renames: this.renames }));
    for (const [pending, file] of this.renames) await rename(join(this.dir, pending), join(this.dir, file));
    await rm(journal);
  }

  /** Drops what was staged (a failed change): the shards stay as they were. */
  async abandon(): Promise<void> {
    for (const [pending] of this.renames) await rm(join(this.dir, pending), { force: true });
  }
}
