import { foldVietnamese } from "../text/fold.ts";
import { provinceKey } from "./names.ts";
import { splitDistrictKind } from "./typed-place.ts";
import type { Commune, CommuneMatch } from "./types.ts";

/** A district abolished on 1 July 2025, with the old units it had and where each went. */
export interface OldDistrict {
  /** With its kind, e.g. "Huyện Kỳ Sơn". */
  name: string;
  /** The old province, e.g. "Tỉnh Nghệ An". */
  province: string;
  units: CommuneMatch[];
}

/**
 * The units before 1 July 2025 above the commune: districts (abolished) and provinces (63,
 * merged into 34), built from the communes' own "formed from" lists.
 */
export class OldPlaces {
  /** By the district's folded name without its kind: "3", "go vap", "ky son". */
  private readonly districts = new Map<string, OldDistrict[]>();
  /** Today's provinces each old province's communes now belong to, by province key. */
  private readonly provinces = new Map<string, Set<string>>();

  constructor(communes: Iterable<Commune>) {
    const byDistrict = new Map<string, OldDistrict>();
    for (const commune of communes) {
      for (const oldUnit of commune.formedFrom) {
        const id = `${oldUnit.province}|${oldUnit.district}`;
        let district = byDistrict.get(id);
        if (!district) {
          district = { name: oldUnit.district, province: oldUnit.province, units: [] };
          byDistrict.set(id, district);
          const { bare } = splitDistrictKind(foldVietnamese(oldUnit.district));
          this.districts.set(bare, [...(this.districts.get(bare) ?? []), district]);
        }
        district.units.push({ commune, oldUnit });
        const key = provinceKey(oldUnit.province);
        if (key) this.provinces.set(key, (this.provinces.get(key) ?? new Set()).add(commune.province));
      }
    }
  }

  /** Old districts by name, optionally only of one kind ("quan", "huyen", "thi xa", "thanh pho"). */
  districtsNamed(bare: string, kind?: string): OldDistrict[] {
    const found = this.districts.get(bare) ?? [];
    return kind ? found.filter((d) => splitDistrictKind(foldVietnamese(d.name)).kind === kind) : found;
  }

  /** Keys of every old province ("ha giang", "nghe an"...). */
  provinceKeys(): string[] {
    return [...this.provinces.keys()];
  }

  /** Today's province(s) the old province's communes belong to: "ha giang" -> ["Tuyên Quang"]. */
  todaysProvinces(oldProvinceKey: string): string[] {
    return [...(this.provinces.get(oldProvinceKey) ?? [])];
  }
}
