/**
 * Moving a deployment's state between stores (lowdb and PostgreSQL, either way): everything a
 * store holds, as a stream of items, and back. `state export` writes them one JSON per line;
 * `state import` reads them into an empty store and checks the counts.
 */

import type { AuditEntry } from "../domain/audit/audit-entry.ts";
import type { PostedList } from "../domain/catalog/schema.ts";
import type { CenterUpdate } from "../domain/communes/center-update.ts";
import type { Dossier } from "../domain/dossiers/dossier.ts";
import type { DossierFollower } from "../domain/dossiers/follower.ts";
import type { LookupRecord } from "../domain/dossiers/lookup-record.ts";
import type { DossierNotification } from "../domain/dossiers/notification.ts";
import type { DeliveryRecord } from "../domain/notices/delivery.ts";
import type { Notice } from "../domain/notices/notice.ts";
import type { StaffGrant } from "../domain/staff/staff-grant.ts";
import type { UsageEvent } from "../domain/stats/usage-event.ts";
import type { UserProfile } from "../domain/users/user-profile.ts";
import type { BotStore } from "./bot-storage.ts";

export type StateItem =
  | { kind: "user"; id: number; profile: UserProfile }
  | { kind: "staff"; grant: StaffGrant }
  | { kind: "notice"; notice: Notice; recipients: number[]; deliveries: DeliveryRecord[] }
  | { kind: "center"; communeCode: string; update: CenterUpdate }
  | { kind: "posted"; list: PostedList }
  | { kind: "dossier"; dossier: Dossier }
  | { kind: "follower"; follower: DossierFollower }
  | { kind: "notification"; notification: DossierNotification }
  | { kind: "conversation"; key: string; state: unknown }
  | { kind: "audit"; entry: AuditEntry }
  | { kind: "lookup"; entry: LookupRecord }
  | { kind: "event"; entry: UsageEvent };

export type StateCounts = Partial<Record<StateItem["kind"], number>>;

/** Everything `store` holds. */
export async function* exportState(store: BotStore): AsyncIterable<StateItem> {
  for await (const { id, profile } of store.users.all()) yield { kind: "user", id, profile };
  for (const grant of await store.staff.list()) yield { kind: "staff", grant };
  for (const notice of await store.notices.all()) {
    yield {
      kind: "notice",
      notice,
      recipients: await store.deliveries.recipients(notice.id),
      deliveries: await store.deliveries.records(notice.id),
    };
  }
  for (const [communeCode, update] of Object.entries(await store.centerUpdates.all()))
    yield { kind: "center", communeCode, update };
  for (const list of await store.postedLists.all()) yield { kind: "posted", list };
  for await (const dossier of store.dossiers.all()) yield { kind: "dossier", dossier };
  for (const follower of await store.dossiers.followers()) yield { kind: "follower", follower };
  for (const notification of await store.dossiers.pendingNotifications()) yield { kind: "notification", notification };
  for await (const key of store.conversations.readAllKeys()) {
    const state = await store.conversations.read(key);
    // None: the dialogue ended meanwhile, or its file was broken (set aside, and reported by the store).
    if (state !== undefined) yield { kind: "conversation", key, state };
  }
  const since = new Date(0);
  for await (const entry of store.audit.since(since)) yield { kind: "audit", entry };
  for await (const entry of store.lookups.since(since)) yield { kind: "lookup", entry };
  for await (const entry of store.events.since(since)) yield { kind: "event", entry };
}

/** Items written at once: the embedded store then writes each of its files once per batch. */
const BATCH = 500;

/** Writes `items` into `store` (which should be empty) and returns how many of each it took. */
export async function importState(store: BotStore, items: AsyncIterable<StateItem>): Promise<StateCounts> {
  const counts: StateCounts = {};
  let batch: StateItem[] = [];
  const flush = async () => {
    await writeBatch(store, batch);
    batch = [];
  };
  for await (const item of items) {
    counts[item.kind] = (counts[item.kind] ?? 0) + 1;
    batch.push(item);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return counts;
}

/** How many items of each kind `items` holds. */
export async function countState(items: AsyncIterable<StateItem>): Promise<StateCounts> {
  const counts: StateCounts = {};
  for await (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  return counts;
}

async function writeBatch(store: BotStore, items: StateItem[]): Promise<void> {
  const of = <K extends StateItem["kind"]>(kind: K) =>
    items.filter((i): i is Extract<StateItem, { kind: K }> => i.kind === kind);
  await Promise.all(of("user").map((u) => store.users.update(u.id, u.profile)));
  for (const s of of("staff")) await store.staff.grant(s.grant);
  for (const n of of("notice")) {
    await store.notices.add(n.notice);
    await store.deliveries.setRecipients(n.notice.id, n.recipients);
    for (const d of n.deliveries) await store.deliveries.record(n.notice.id, d);
  }
  for (const c of of("center")) await store.centerUpdates.set(c.communeCode, c.update);
  for (const p of of("posted")) await store.postedLists.set(p.list);
  await store.dossiers.restore(of("dossier").map((d) => d.dossier));
  for (const f of of("follower")) await store.dossiers.subscribe(f.follower.code, f.follower.chatId, f.follower.locale);
  await store.dossiers.requeue(of("notification").map((n) => n.notification));
  await Promise.all(of("conversation").map((c) => store.conversations.write(c.key, c.state)));
  for (const a of of("audit")) await store.audit.record(a.entry);
  for (const l of of("lookup")) await store.lookups.record(l.entry);
  for (const e of of("event")) await store.events.record(e.entry);
}
