import { z } from "zod";
import { type Center, geoPoint } from "../catalog/schema.ts";
import type { Commune } from "./types.ts";

/** What staff changed about their center (a move, new hours): applied over data/. */
export const centerUpdateSchema = z.strictObject({
  address: z.string().min(1).optional(),
  hours: z.string().min(1).optional(),
  location: geoPoint.optional(),
  phone: z.string().min(1).optional(),
  updatedBy: z.number().int(),
  updatedAt: z.string(),
});
export type CenterUpdate = z.infer<typeof centerUpdateSchema>;
/** A center change as applied (who made it does not matter there). */
export type CenterChange = Omit<CenterUpdate, "updatedBy">;

export interface CenterUpdateRepository {
  all(): Promise<Record<string, CenterUpdate>>;
  set(communeCode: string, update: CenterUpdate): Promise<void>;
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
