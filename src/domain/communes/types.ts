import type { Center, CommuneDetails, GeoPoint } from "../catalog/schema.ts";

/** A commune, ward or special zone that existed before 1 July 2025. */
export interface OldUnit {
  /** Official code of the old unit. */
  code: string;
  /** With its kind, e.g. "Xã Bảo Thắng". */
  name: string;
  /** The old district, e.g. "Huyện Kỳ Sơn". */
  district: string;
  province: string;
}

/** A commune-level unit of the two-level government (since 1 July 2025). */
export interface Commune {
  /** Statistics office code, e.g. "16855". */
  code: string;
  /** With its kind, e.g. "Xã Chiêu Lưu". */
  name: string;
  province: string;
  /** The units it was formed from. */
  formedFrom: OldUnit[];
  /** Its service center as residents see it: data/ (details, then imported), then staff's changes. */
  center?: Center;
  /** The center as data/ describes it, before staff's changes. */
  dataCenter?: Center;
  /** Hand-written details (notes per procedure, extra procedures), when the commune has them. */
  details?: CommuneDetails;
}

/** One way a typed name leads to a commune. */
export interface CommuneMatch {
  commune: Commune;
  /** Set when the name was an old unit that now belongs to `commune`. */
  oldUnit?: OldUnit;
}

/** A commune with a center and its distance from a shared location. */
export interface NearbyCommune {
  commune: Commune;
  location: GeoPoint;
  distanceKm: number;
}
