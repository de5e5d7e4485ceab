import type { Center } from "../catalog/schema.ts";
import type { Commune } from "./types.ts";

/** A center change entered by the center's own staff. */
export interface CenterChange {
  address?: string;
  hours?: string;
  location?: { lat: number; lon: number };
  phone?: string;
  updatedAt: string;
}

/**
 * The commune's center with staff's changes over the catalog's data. What the center's own staff
 * entered is confirmed by them, so the center counts as verified from then on (its phone shows).
 */
export function applyCenterChange(commune: Commune, base: Center | undefined, change: CenterChange): Center {
  // Staff speak for the center itself, not for the People's Committee headquarters it was assumed at.
  const name = (!base?.headquarters && base?.name) || {
    vi: `Trung tâm Phục vụ hành chính công ${commune.name}`,
    en: `${commune.name} Public Administration Service Center`,
  };
  // Unconfirmed hours and phones in data/ are samples: they must not become "verified".
  const confirmed = base?.verified ? base : undefined;
  const hours = change.hours ? { vi: change.hours, en: change.hours } : confirmed?.hours;
  const location = change.location ?? base?.location;
  const phone = change.phone ?? confirmed?.phone;
  return {
    name,
    address: change.address ?? base?.address ?? commune.name,
    ...(location ? { location } : {}),
    ...(hours ? { hours } : {}),
    ...(phone ? { phone } : {}),
    verified: true,
    source: `updated by the center's staff on ${change.updatedAt.slice(0, 10)}`,
  };
}
