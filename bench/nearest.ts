import type { Catalog } from "../src/domain/catalog/catalog.ts";
import { distanceKm } from "../src/domain/communes/geo.ts";
import { summarize, timeEach } from "./stats.ts";
import { seededRandom } from "./synthetic-catalog.ts";

const POINTS = 2000;
const NEAREST = 3;

/**
 * A shared location → the 3 nearest of the 3,321 communes (shipped centers), on random points
 * over Vietnam's extent: the grid index against measuring the distance to every commune.
 */
export function benchNearest(catalog: Catalog) {
  const random = seededRandom(13);
  const points = Array.from({ length: POINTS }, () => ({ lat: 8.6 + random() * 14.8, lon: 102.2 + random() * 7.2 }));
  const located = [...catalog.communes.all()].flatMap((c) => (c.center?.location ? [c.center.location] : []));
  const grid = summarize(timeEach(points, 3, (p) => catalog.communes.locate(p, NEAREST)));
  const scan = summarize(
    timeEach(points, 3, (p) =>
      located
        .map((l) => distanceKm(p, l))
        .sort((a, b) => a - b)
        .slice(0, NEAREST),
    ),
  );
  return { communes: located.length, points: POINTS, grid, scan };
}
