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
    const best = new TopK(limit);
    const maxRing = this.maxRing(row, col);
    for (let ring = 0; ring <= maxRing; ring++) {
      this.visitRing(row, col, ring, (located) => best.offer(located, distanceKm(point, located.location)));
      // Anything in a farther ring is at least this far: the list cannot change any more.
      const beyond = this.ringDistanceKm(point, ring);
      if (best.full() && best.worst() <= beyond) break;
      // Abroad or at sea: no need to look hundreds of kilometres away.
      if (beyond > giveUpKm && !(best.nearest() <= giveUpKm)) break;
    }
    return best.list();
  }

  private withinExtent({ lat, lon }: GeoPoint): boolean {
    const e = this.extent;
    return (
      lat >= e.minLat - EXTENT_MARGIN_DEG &&
      lat <= e.maxLat + EXTENT_MARGIN_DEG &&
      lon >= e.minLon - EXTENT_MARGIN_DEG &&
      lon <= e.maxLon + EXTENT_MARGIN_DEG
    );
  }

  /** Rings needed to reach every cell of the extent from (row, col). */
  private maxRing(row: number, col: number): number {
    const e = this.extent;
    if (e.minLat > e.maxLat) return -1;
    return Math.max(
      Math.abs(row - cellOf(e.minLat)),
      Math.abs(row - cellOf(e.maxLat)),
      Math.abs(col - cellOf(e.minLon)),
      Math.abs(col - cellOf(e.maxLon)),
    );
  }

  /** A lower bound of the distance from `point` to any cell outside ring `ring`. */
  private ringDistanceKm(point: GeoPoint, ring: number): number {
    const widestLat = Math.min(89, Math.abs(point.lat) + (ring + 1) * CELL_DEG);
    const kmPerDegLon = KM_PER_DEG * Math.cos((widestLat * Math.PI) / 180);
    return ring * CELL_DEG * Math.min(KM_PER_DEG, kmPerDegLon);
  }

  private visitRing(row: number, col: number, ring: number, visit: (located: Located) => void): void {
    for (let r = row - ring; r <= row + ring; r++) {
      const edge = r === row - ring || r === row + ring;
      // Inside rows only have their two edge cells in this ring.
      const step = edge || ring === 0 ? 1 : 2 * ring;
      for (let c = col - ring; c <= col + ring; c += step) {
        const cell = this.cells.get(cellKey(r, c));
        if (cell) for (const located of cell) visit(located);
      }
    }
  }
}

/** The k nearest seen so far, kept sorted by insertion: k is small, and nothing else is allocated. */
class TopK {
  private readonly items: Located[] = [];
  private readonly distances: number[] = [];

  constructor(private readonly k: number) {}

  offer(item: Located, distance: number): void {
    if (this.full() && distance >= this.worst()) return;
    let i = Math.min(this.items.length, this.k - 1);
    while (i > 0 && (this.distances[i - 1] as number) > distance) {
      this.items[i] = this.items[i - 1] as Located;
      this.distances[i] = this.distances[i - 1] as number;
      i--;
    }
    this.items[i] = item;
    this.distances[i] = distance;
  }

  full = () => this.items.length >= this.k;
  worst = () => this.distances[this.items.length - 1] ?? Infinity;
  nearest = () => this.distances[0] ?? Infinity;
  list = (): NearbyCommune[] => this.items.map((item, i) => ({ ...item, distanceKm: this.distances[i] as number }));
}

const cellOf = (deg: number) => Math.floor(deg / CELL_DEG);
/** One number per cell: rows and columns stay within ±1,800 for any coordinate. */
const cellKey = (row: number, col: number) => row * 10_000 + col;
