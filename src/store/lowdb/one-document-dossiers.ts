import { existsSync } from "node:fs";
import { rename } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { type Dossier, dossierSchema } from "../../domain/dossiers/dossier.ts";
import { type DossierNotification, dossierNotificationSchema } from "../../domain/dossiers/notification.ts";
import { follower, type LowDossierFollowers } from "./dossier-followers.ts";
import { type DossierShardFiles, type ShardData, shardKeyOf, UNFILED } from "./dossier-shards.ts";
import { JsonDocument } from "./json-document.ts";

const oneDocument = z.strictObject({
  dossiers: z.record(z.string(), dossierSchema),
  outbox: z.array(dossierNotificationSchema),
  /** Only in a file written before followers had a document of their own. */
  followers: z.record(z.string(), z.array(follower)).optional(),
});

/**
 * Moves the dossiers.json of an earlier version (every dossier in one document) into shards.
 * Crash-safe in this order: followers are taken in (taking in twice changes nothing), the shards
 * are committed together, and only then is the old file renamed aside (kept, never deleted). A
 * crash before the rename migrates again at the next start, writing the same shards.
 */
export async function migrateOneDocument(
  stateDir: string,
  shards: DossierShardFiles<Dossier, DossierNotification>,
  followers: LowDossierFollowers,
): Promise<void> {
  const file = join(stateDir, "dossiers.json");
  if (!existsSync(file)) return;
  const legacy = (await new JsonDocument(file, oneDocument, { dossiers: {}, outbox: [] }).open()).data;
  if (legacy.followers) await followers.takeIn(legacy.followers);
  const byKey = new Map<string, ShardData<Dossier, DossierNotification>>();
  const shardOf = (key: string) => byKey.get(key) ?? byKey.set(key, { dossiers: {}, outbox: [] }).get(key);
  const keyOf = new Map<string, string>();
  for (const [code, dossier] of Object.entries(legacy.dossiers)) {
    const key = shardKeyOf(dossier.communeCode, dossier.receivedAt);
    keyOf.set(code, key);
    const shard = shardOf(key);
    if (shard) shard.dossiers[code] = dossier;
  }
  for (const n of legacy.outbox) shardOf(keyOf.get(n.dossierCode) ?? UNFILED)?.outbox.push(n);
  const commit = shards.begin();
  for (const [key, shard] of byKey) await commit.stage(key, JSON.stringify(shard));
  await commit.commit();
  await rename(file, `${file}.migrated-${new Date().toISOString().replace(/[:.]/g, "-")}`);
}
