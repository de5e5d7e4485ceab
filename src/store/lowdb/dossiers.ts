import { join } from "node:path";
import { z } from "zod";
import { type Dossier, dossierSchema } from "../../domain/dossiers/dossier.ts";
import type { DossierFollower } from "../../domain/dossiers/follower.ts";
import {
  type DossierNotification,
  dossierNotification,
  dossierNotificationSchema,
} from "../../domain/dossiers/notification.ts";
import { applyReport, type ReportOutcome } from "../../domain/dossiers/report.ts";
import type { DossierRepository } from "../../domain/dossiers/repository.ts";
import type { ReportStream } from "../../domain/dossiers/submit.ts";
import type { Locale } from "../../domain/locale.ts";
import { ownValue } from "../../shared/own.ts";
import { LowDossierFollowers } from "./dossier-followers.ts";
import { DossierShardFiles, type ShardData, shardJson, shardKeyOf, UNFILED } from "./dossier-shards.ts";
import { runningBotPid } from "./instance-lock.ts";
import { JsonDocument } from "./json-document.ts";
import { migrateOneDocument } from "./one-document-dossiers.ts";
import { ShardSpool } from "./shard-spool.ts";

const shardSchema = z.strictObject({
  dossiers: z.record(z.string(), dossierSchema),
  outbox: z.array(dossierNotificationSchema),
});
type Shard = ShardData<Dossier, DossierNotification>;
const deliveredFile = z.strictObject({ delivered: z.array(z.string()) });

/** Dossiers kept parsed in memory, the shards read last: the rest is read again when asked for. */
const CACHED_DOSSIERS = 20_000;

/** How one item of a change lands in its shard; returns whether the shard changed. */
type Apply<T> = (shard: Shard, item: T, at: number) => boolean;

/**
 * Dossiers and their notification outbox in shards, one file per commune and month of receipt
 * (see DossierShardFiles): applying a status change and queueing its notifications is one
 * commit, and an import rewrites only the months it touches. In memory: which shard holds each
 * code, the outbox, and the shards read last. What changes often and alone lives beside them:
 * followers in dossier-followers.json, and the ids of notifications delivered since in
 * dossier-notifications-delivered.json; a delivered notification leaves its shard's outbox at the
 * next write of that shard, and until then the delivered list hides it.
 */
export class LowDossierRepository implements DossierRepository {
  private readonly index = new Map<string, string>();
  private outbox: DossierNotification[] = [];
  private readonly cache = new Map<string, Shard>();
  /** Shards being read from disk, so that look-ups at once share one read. */
  private readonly reading = new Map<string, Promise<Shard>>();
  /** Bumped by every commit: a shard read from disk while one ran may be stale, and is not cached. */
  private commits = 0;
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly shards: DossierShardFiles<Dossier, DossierNotification>,
    private readonly followerDoc: LowDossierFollowers,
    private readonly deliveredDoc: JsonDocument<{ delivered: string[] }>,
  ) {}

  /**
   * Opens the dossiers of a state folder. Only the folder's writer (no bot runs on it, or this
   * process is the bot) finishes an interrupted commit and moves an older dossiers.json into
   * shards; a command reading beside a running bot leaves the files to it.
   */
  static async open(stateDir: string): Promise<LowDossierRepository> {
    const shards = new DossierShardFiles(join(stateDir, "dossiers"), shardSchema);
    const followers = await LowDossierFollowers.open(join(stateDir, "dossier-followers.json"));
    const delivered = await new JsonDocument(join(stateDir, "dossier-notifications-delivered.json"), deliveredFile, {
      delivered: [],
    }).open();
    const writer = (runningBotPid(stateDir) ?? process.pid) === process.pid;
    if (writer) {
      await shards.recover();
      await migrateOneDocument(stateDir, shards, followers);
    }
    const repository = new LowDossierRepository(shards, followers, delivered);
    await repository.scan();
    if (writer) await repository.forgetDeliveredOutOfOutbox();
    return repository;
  }

  async get(code: string): Promise<Dossier | undefined> {
    const key = this.index.get(code);
    return key === undefined ? undefined : ownValue((await this.load(key)).dossiers, code);
  }

  async applyReports(reports: ReportStream, now: Date): Promise<ReportOutcome[]> {
    const outcomes: ReportOutcome[] = [];
    await this.change(
      reports,
      (r) => [r.code, shardKeyOf(r.communeCode, r.receivedAt)],
      (shard, report, at) => {
        const applied = applyReport(ownValue(shard.dossiers, report.code), report, now);
        outcomes[at] = applied.outcome;
        if (applied.outcome === "unchanged") return false;
        shard.dossiers[report.code] = applied.dossier;
        if (applied.statusChanged)
          shard.outbox.push(
            ...this.followerDoc.of(report.code).map((f) => dossierNotification(applied.dossier, f, now)),
          );
        return true;
      },
    );
    return outcomes;
  }

  subscribe(code: string, chatId: number, locale: Locale): Promise<void> {
    return this.followerDoc.add(code, chatId, locale);
  }

  unsubscribe(code: string, chatId: number): Promise<void> {
    return this.followerDoc.remove(code, chatId);
  }

  async isSubscribed(code: string, chatId: number): Promise<boolean> {
    return this.followerDoc.of(code).some((f) => f.chatId === chatId);
  }

  async followedCodes(): Promise<string[]> {
    return this.followerDoc.codes();
  }

  async pendingNotifications(): Promise<DossierNotification[]> {
    const delivered = new Set(this.deliveredDoc.data.delivered);
    return this.outbox.filter((n) => !delivered.has(n.id));
  }

  /** One instance owns the files (the writer lock), so nobody else can be sending them. */
  async claimNotifications(_now: Date, limit: number): Promise<DossierNotification[]> {
    return (await this.pendingNotifications()).slice(0, limit);
  }

  /** Shard after shard, without keeping them: every dossier would not fit in memory at once. */
  async *all(): AsyncIterable<Dossier> {
    for (const key of await this.shards.keys()) {
      const shard = this.cache.get(key) ?? (await this.shards.read(key));
      yield* Object.values(shard.dossiers);
    }
  }

  async followers(): Promise<DossierFollower[]> {
    return this.followerDoc.all();
  }

  async restore(dossiers: Dossier[]): Promise<void> {
    await this.change(
      dossiers,
      (d) => [d.code, shardKeyOf(d.communeCode, d.receivedAt)],
      (shard, d) => {
        shard.dossiers[d.code] = d;
        return true;
      },
    );
  }

  async requeue(notifications: DossierNotification[]): Promise<void> {
    const queued = new Set(this.outbox.map((n) => n.id));
    await this.change(
      notifications.filter((n) => !queued.has(n.id)),
      (n) => [n.dossierCode, UNFILED],
      (shard, n) => {
        if (shard.outbox.some((q) => q.id === n.id)) return false;
        shard.outbox.push(n);
        return true;
      },
      false,
    );
  }

  async markDelivered(id: string): Promise<void> {
    await this.deliveredDoc.update((data) => {
      if (data.delivered.includes(id) || !this.outbox.some((n) => n.id === id)) return false;
      data.delivered.push(id);
      return true;
    });
  }

  /**
   * Applies a change, one write after another: items are sorted by shard (a stored code stays
   * where it is filed; `place` says where a new one goes, and whether it is filed there), then
   * each shard is read, changed and written aside in turn, and all are committed together. A
   * shard nothing changed is not written.
   */
  private change<T>(
    items: Iterable<T> | AsyncIterable<T>,
    place: (item: T) => [code: string, newKey: string],
    apply: Apply<T>,
    files = true,
  ): Promise<void> {
    const run = this.writes.then(() => this.commitChange(items, place, apply, files));
    this.writes = run.catch(() => undefined);
    return run;
  }

  private async commitChange<T>(
    items: Iterable<T> | AsyncIterable<T>,
    place: (item: T) => [code: string, newKey: string],
    apply: Apply<T>,
    files: boolean,
  ): Promise<void> {
    const spool = new ShardSpool<T>(this.shards.dir);
    const commit = this.shards.begin();
    const filed = new Map<string, string>();
    const queued: DossierNotification[] = [];
    const delivered = new Set(this.deliveredDoc.data.delivered);
    try {
      let at = 0;
      for await (const item of items) {
        const [code, newKey] = place(item);
        const key = this.index.get(code) ?? filed.get(code) ?? newKey;
        if (files) filed.set(code, key);
        await spool.add(key, at++, item);
      }
      for (const key of spool.keys()) {
        const shard = await this.readForChange(key);
        const before = shard.outbox.length;
        let changed = false;
        for await (const [position, item] of spool.of(key)) changed = apply(shard, item, position) || changed;
        if (!changed) continue;
        queued.push(...shard.outbox.slice(before));
        shard.outbox = shard.outbox.filter((n) => !delivered.has(n.id));
        await commit.stage(key, shardJson(shard));
      }
      await commit.commit();
    } catch (error) {
      await commit.abandon();
      throw error;
    } finally {
      await spool.close();
    }
    this.committed(commit.keys, filed, queued, delivered);
    await this.forgetDeliveredOutOfOutbox();
  }

  /** Memory follows the files just committed. */
  private committed(
    keys: ReadonlySet<string>,
    filed: Map<string, string>,
    queued: DossierNotification[],
    delivered: ReadonlySet<string>,
  ): void {
    this.commits++;
    for (const key of keys) this.cache.delete(key);
    for (const [code, key] of filed) if (keys.has(key)) this.index.set(code, key);
    const rewritten = (n: DossierNotification) => keys.has(this.index.get(n.dossierCode) ?? UNFILED);
    this.outbox = [...this.outbox.filter((n) => !(delivered.has(n.id) && rewritten(n))), ...queued];
  }

  /** A shard to change: a copy, so memory keeps the shard as written until the commit is done. */
  private async readForChange(key: string): Promise<Shard> {
    const cached = this.cache.get(key);
    return cached ? structuredClone(cached) : this.shards.read(key);
  }

  private async load(key: string): Promise<Shard> {
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    // Look-ups at once (an import checks a thousand codes together) share one read of a shard:
    // a read each would hold a thousand copies of the same file.
    let reading = this.reading.get(key);
    if (!reading) {
      const commits = this.commits;
      reading = this.shards.read(key).then((shard) => {
        if (commits === this.commits) this.remember(key, shard);
        return shard;
      });
      this.reading.set(key, reading);
      void reading.finally(() => this.reading.delete(key)).catch(() => undefined);
    }
    return reading;
  }

  private remember(key: string, shard: Shard): void {
    this.cache.set(key, shard);
    let held = 0;
    for (const s of this.cache.values()) held += Object.keys(s.dossiers).length;
    for (const [oldest, s] of this.cache) {
      if (held <= CACHED_DOSSIERS || oldest === key) break;
      held -= Object.keys(s.dossiers).length;
      this.cache.delete(oldest);
    }
  }

  /** Reads every shard once, keeping which codes it holds and its outbox. */
  private async scan(): Promise<void> {
    for (const key of await this.shards.keys()) {
      const shard = await this.shards.read(key);
      for (const code of Object.keys(shard.dossiers)) this.index.set(code, key);
      this.outbox.push(...shard.outbox);
    }
    // Shards are read by name, not in the order their notifications were queued.
    this.outbox.sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0));
  }

  /** A delivered id whose notification left the outbox has done its work. */
  private async forgetDeliveredOutOfOutbox(): Promise<void> {
    await this.deliveredDoc.update((data) => {
      const queued = new Set(this.outbox.map((n) => n.id));
      const kept = data.delivered.filter((id) => queued.has(id));
      if (kept.length === data.delivered.length) return false;
      data.delivered = kept;
      return true;
    });
  }
}
