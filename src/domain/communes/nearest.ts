import type { GeoPoint } from "../catalog/schema.ts";
import { distanceKm } from "./geo.ts";
import type { Commune, NearbyCommune } from "./types.ts";

/** Grid cell size in degrees (~11 km): a few communes per cell in the plains, fewer in the mountains. */
const CELL_DEG = 0.1;
/** Kilometres per degree of latitude. */
const KM_PER_DEG = 111.19;
/** How far around the communes' own extent a point still counts as "in Vietnam" (degrees, ~55 km). */
const EXTENT_MARGIN_DEG = 0.5;
/**
 * A point farther than this from every commune headquarters is not in any commune (at sea,
 * abroad). The largest communes are ~1,000 km² with their headquarters off-centre, hence the margin.
 */
export const MAX_NEAREST_KM = 60;

interface Located {
  commune: Commune;
  location: GeoPoint;
}

/** What a shared location finds: the nearest communes, or that it is not in Vietnam. */
export type LocationAnswer = { inside: true; nearest: NearbyCommune[] } | { inside: false };

/**
 * Communes by the position of their center on a grid of 0.1° cells: the nearest few are found
 * by looking at the rings of cells around a point, nearest first, instead of measuring the
 * distance to all 3,321 communes.
 */
export class NearestIndex {
  private readonly cells = new Map<number, Located[]>();
  private readonly extent = { minLat: Infinity, maxLat: -Infinity, minLon: Infinity, maxLon: -Infinity };

  constructor(communes: Iterable<Commune>) {
    for (const commune of communes) {
      const location = commune.center?.location;
      if (!location) continue;
      const key = cellKey(cellOf(location.lat), cellOf(location.lon));
      const cell = this.cells.get(key);
      if (cell) cell.push({ commune, location });
      else this.cells.set(key, [{ commune, location }]);
      this.extent.minLat = Math.min(this.extent.minLat, location.lat);
      this.extent.maxLat = Math.max(this.extent.maxLat, location.lat);
      this.extent.minLon = Math.min(this.extent.minLon, location.lon);
      this.extent.maxLon = Math.max(this.extent.maxLon, location.lon);
    }
  }

  /** The nearest communes to `point`, or "not inside" when it is outside the country's extent. */
  locate(point: GeoPoint, limit: number): LocationAnswer {
    if (!this.withinExtent(point)) return { inside: false };
    const nearest = this.nearest(point, limit, MAX_NEAREST_KM);
    const first = nearest[0];
    return first && first.distanceKm <= MAX_NEAREST_KM ? { inside: true, nearest } : { inside: false };
  }

  /**
   * The `limit` nearest communes with a center location, nearest first. With `giveUpKm`, the
   * search stops (and may return farther ones, or none) once no commune is that close.
   */
  nearest(point: GeoPoint, limit: number, giveUpKm = Infinity): NearbyCommune[] {
    const row = cellOf(point.lat);
    const col = cellOf(point.lon);
    const found: NearbyCommune[] = [];
    const maxRing = this.maxRing(row, col);
    for (let ring = 0; ring <= maxRing; ring++) {
      for (const located of this.ringCells(row, col, ring)) {
        found.push({ ...located, distanceKm: distanceKm(point, located.location) });
      }
      found.sort((a, b) => a.distanceKm - b.distanceKm);
      // Anything in a farther ring is at least this far: the list cannot change any more.
      const beyond = this.ringDistanceKm(point, ring);
      const kth = found[limit - 1];
      if (kth && kth.distanceKm <= beyond) break;
      // Abroad or at sea: no need to look hundreds of kilometres away.
      if (beyond > giveUpKm && !(found[0] && found[0].distanceKm <= giveUpKm)) break;
    }
    return found.slice(0, limit);
  }

  private withinExtent({ lat, lon }: GeoPoint): boolean {
    const e = this.extent;
    return lat >= e.minLat - EXTENT_MARGIN_DEG && lat <= e.maxLat + EXTENT_MARGIN_DEG
      && lon >= e.minLon - EXTENT_MARGIN_DEG && lon <= e.maxLon + EXTENT_MARGIN_DEG;
  }

  /** Rings needed to reach every cell of the extent from (row, col). */
  private maxRing(row: number, col: number): number {
    const e = this.extent;
    if (e.minLat > e.maxLat) return -1;
    return Math.max(
      Math.abs(row - cellOf(e.minLat)), Math.abs(row - cellOf(e.maxLat)),
      Math.abs(col - cellOf(e.minLon)), Math.abs(col - cellOf(e.maxLon)),
    );
  }

  /** A lower bound of the distance from `point` to any cell outside ring `ring`. */
  private ringDistanceKm(point: GeoPoint, ring: number): number {
    const widestLat = Math.min(89, Math.abs(point.lat) + (ring + 1) * CELL_DEG);
    const kmPerDegLon = KM_PER_DEG * Math.cos((widestLat * Math.PI) / 180);
    return ring * CELL_DEG * Math.min(KM_PER_DEG, kmPerDegLon);
  }

  private *ringCells(row: number, col: number, ring: number): Generator<Located> {
    for (let r = row - ring; r <= row + ring; r++) {
      const edge = r === row - ring || r === row + ring;
      // Inside rows only have their two edge cells in this ring.
      const cols = edge ? range(col - ring, col + ring) : ring === 0 ? [col] : [col - ring, col + ring];
      for (const c of cols) yield* this.cells.get(cellKey(r, c)) ?? [];
    }
  }
}

const cellOf = (deg: number) => Math.floor(deg / CELL_DEG);
/** One number per cell: rows and columns stay within ±1,800 for any coordinate. */
const cellKey = (row: number, col: number) => row * 10_000 + col;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
