import type { CenterUpdateRepository } from "../communes/center-update.ts";
import type { Catalog } from "./catalog.ts";
import type { PostedListRepository } from "./posted-list-repository.ts";

/**
 * Brings what staff changed (their center, their posted list) into this process's catalog: at
 * start, then now and again, so that a change made through one instance reaches the others
 * without a restart. Each change is applied once, by its time stamp; a posted list only when it
 * is newer than the one data/ ships (an operator may have imported a later one there).
 */
export class StaffChanges {
  private readonly applied = new Map<string, string>();

  constructor(
    private readonly catalog: Catalog,
    private readonly store: { centerUpdates: CenterUpdateRepository; postedLists: PostedListRepository },
  ) {}

  /** Applies the changes not applied yet; returns how many. */
  async refresh(): Promise<number> {
    let count = 0;
    for (const [code, change] of Object.entries(await this.store.centerUpdates.all())) {
      if (!this.isNew(`center:${code}`, change.updatedAt)) continue;
      this.catalog.applyCenterChange(code, change);
      count++;
    }
    for (const list of await this.store.postedLists.all()) {
      const shown = this.catalog.postedList(list.commune)?.importedAt;
      if (!this.isNew(`posted:${list.commune}`, list.importedAt) || (shown && shown >= list.importedAt)) continue;
      this.catalog.applyPostedList(list);
      count++;
    }
    return count;
  }

  private isNew(key: string, stamp: string): boolean {
    if (this.applied.get(key) === stamp) return false;
    this.applied.set(key, stamp);
    return true;
  }
}
