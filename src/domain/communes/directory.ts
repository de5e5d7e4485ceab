import Fuse from "fuse.js";
import type { GeoPoint } from "../catalog/schema.ts";
import { KIND_PREFIX, nameKey } from "./names.ts";
import { type LocationAnswer, NearestIndex } from "./nearest.ts";
import { type PlaceAnswer, PlaceResolver } from "./place-resolver.ts";
import type { Commune, CommuneMatch, NearbyCommune } from "./types.ts";

/**
 * Fuzzy distance (fuse.js, 0 = same) up to which a near name is a typo ("chiu luu" 0.23 from
 * "chieu luu"); beyond it the text is as likely something else ("ket hon" 0.27 from "viet hong").
 */
const TYPO_SCORE = 0.24;

/** Communes found by a name; `loose` when the nearest name is farther than a typo. */
export interface NameMatches {
  matches: CommuneMatch[];
  approximate: boolean;
  loose: boolean;
}

/** No commune's name is longer than this (folded); a longer text is not a commune name. */
const MAX_NAME_LENGTH = 60;

/**
 * All communes of the country, found by their current name or by the name of an old unit they
 * absorbed, with or without tone marks, optionally followed by the province.
 */
export class CommuneDirectory {
  private readonly byCode = new Map<string, Commune>();
  private readonly byName = new Map<string, CommuneMatch[]>();
  private fuzzy?: Fuse<string>;
  private spatial?: NearestIndex;
  private resolver?: PlaceResolver;

  constructor(communes: Commune[]) {
    for (const commune of communes) {
      this.byCode.set(commune.code, commune);
      this.index(nameKey(commune.name), { commune });
      for (const oldUnit of commune.formedFrom) {
        // An old unit that gave its name to the new commune is the commune itself.
        if (nameKey(oldUnit.name) !== nameKey(commune.name)) {
          this.index(nameKey(oldUnit.name), { commune, oldUnit });
        }
      }
    }
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): Commune | undefined {
    return this.byCode.get(code);
  }

  all(): IterableIterator<Commune> {
    return this.byCode.values();
  }

  /**
   * Communes whose current or old name is `name` (folded, kind words allowed), one entry per
   * commune, current names first; `approximate` when only a typo-forgiving match found them.
   */
  matchName(name: string, { exactOnly = false } = {}): NameMatches {
    const key = name.replace(KIND_PREFIX, "");
    // Fuzzy matching costs grow with the text's length: a paragraph is answered at once.
    if (key === "" || key.length > MAX_NAME_LENGTH) return { matches: [], approximate: false, loose: false };
    const exact = this.byName.get(key);
    if (exact || exactOnly) return { matches: dedupeByCommune(exact ?? []), approximate: false, loose: false };
    const { matches, loose } = this.fuzzyMatches(key);
    return { matches: dedupeByCommune(matches), approximate: true, loose };
  }

  /** What a typed place means: communes, an abolished district, or a province alone. */
  resolve(query: string): PlaceAnswer {
    this.resolver ??= new PlaceResolver(this);
    return this.resolver.resolve(query);
  }

  /** Communes with a known center location, nearest first. */
  nearest(point: GeoPoint, limit: number): NearbyCommune[] {
    return this.nearestIndex().nearest(point, limit);
  }

  /** The nearest communes to a shared location, or that it lies outside the country. */
  locate(point: GeoPoint, limit: number): LocationAnswer {
    return this.nearestIndex().locate(point, limit);
  }

  /** A center was moved (staff's /location): the spatial index is rebuilt on the next look-up. */
  centerMoved(): void {
    this.spatial = undefined;
  }

  // Built on first use: centers are attached to the communes after the directory is made.
  private nearestIndex(): NearestIndex {
    this.spatial ??= new NearestIndex(this.byCode.values());
    return this.spatial;
  }

  private index(key: string, match: CommuneMatch): void {
    const list = this.byName.get(key);
    if (list) list.push(match);
    else this.byName.set(key, [match]);
  }

  private fuzzyMatches(key: string): { matches: CommuneMatch[]; loose: boolean } {
    this.fuzzy ??= new Fuse([...this.byName.keys()], { threshold: 0.2, includeScore: true });
    const best = this.fuzzy.search(key, { limit: 5 });
    const top = best[0]?.score;
    if (top === undefined) return { matches: [], loose: false };
    // Keep only the names as close as the best one: a typo should not open a long list.
    const matches = best.filter((r) => (r.score ?? 1) <= top + 0.05).flatMap((r) => this.byName.get(r.item) ?? []);
    return { matches, loose: top > TYPO_SCORE };
  }
}

/** One entry per commune; a match by its current name wins over a match by an old name. */
export function dedupeByCommune(matches: CommuneMatch[]): CommuneMatch[] {
  const byCode = new Map<string, CommuneMatch>();
  for (const match of matches) {
    const seen = byCode.get(match.commune.code);
    if (!seen || (seen.oldUnit && !match.oldUnit)) byCode.set(match.commune.code, match);
  }
  return [...byCode.values()].sort((a, b) => Number(!!a.oldUnit) - Number(!!b.oldUnit));
}
