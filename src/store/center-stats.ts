import { centerStats, type StatsInput } from "../domain/stats/center-stats.ts";
import type { Store } from "../domain/store.ts";

/**
 * The 7- and 30-day figures of a commune, read from the store's logs, and how many records of
 * the logs could not be read (of any commune: a torn line does not say whose it was).
 */
export async function loadCenterStats(
  store: Pick<Store, "events" | "lookups">,
  communeCode: string,
  now: Date,
  codePattern?: RegExp,
) {
  const since = new Date(now.getTime() - 31 * 86_400_000);
  const input: StatsInput = { events: [], lookups: [] };
  let unreadable = 0;
  const skipped = () => void unreadable++;
  for await (const e of store.events.since(since, skipped)) if (e.communeCode === communeCode) input.events.push(e);
  for await (const l of store.lookups.since(since, skipped)) if (l.communeCode === communeCode) input.lookups.push(l);
  return {
    last7: centerStats(input, communeCode, now, 7, codePattern),
    last30: centerStats(input, communeCode, now, 30, codePattern),
    unreadable,
  };
}
