import { foldVietnamese, markedTokens, toneKey } from "../text/fold.ts";
import { type CommuneDirectory, dedupeByCommune } from "./directory.ts";
import { nameKey, provinceKey } from "./names.ts";
import { type OldDistrict, OldPlaces } from "./old-places.ts";
import { canonicalPlace, splitDistrictKind } from "./typed-place.ts";
import type { Commune, CommuneMatch } from "./types.ts";

/** What a typed place means. */
export type PlaceAnswer =
  /**
   * Communes by their current or old name; `approximate` when found despite a typo, `loose`
   * when the name is farther from them than a typo (the text may well be no place at all).
   */
  | { kind: "communes"; matches: CommuneMatch[]; approximate: boolean; loose?: boolean }
  /** An abolished district: the communes formed (wholly or partly) from it. */
  | { kind: "district"; districts: OldDistrict[]; communes: Commune[] }
  /** A province alone (old or current): today's province(s) it is part of. */
  | { kind: "province"; typed: string; provinces: string[] }
  | { kind: "none" };

const NONE: PlaceAnswer = { kind: "none" };

/**
 * Reads a place as people write it: "Chiêu Lưu", "phường 1 quận 3", "P12 Gò Vấp", "huyện Kỳ
 * Sơn", "xã Bạch Ngọc tỉnh Hà Giang" (an old province narrows to its communes, now in Tuyên
 * Quang). A numbered ward means nothing without its old district, so the district is read first.
 */
export class PlaceResolver {
  private readonly old: OldPlaces;
  /** Current and old province keys, longest first so "ha noi" is not read inside another. */
  private readonly provinceKeys: string[];

  constructor(private readonly directory: CommuneDirectory) {
    this.old = new OldPlaces(directory.all());
    const current = [...directory.all()].map((c) => provinceKey(c.province));
    this.provinceKeys = [...new Set([...current, ...this.old.provinceKeys()])].sort((a, b) => b.length - a.length);
  }

  resolve(query: string): PlaceAnswer {
    const answer = this.read(query);
    return answer.kind === "communes" ? { ...answer, matches: preferTyped(answer.matches, query) } : answer;
  }

  private read(query: string): PlaceAnswer {
    const text = canonicalPlace(query);
    // "Phường Lào Cai" is a ward before "Lào Cai" is a province.
    const whole = this.directory.matchName(text, { exactOnly: true }).matches;
    if (whole.length > 0) return { kind: "communes", matches: whole, approximate: false };
    const { name, province } = this.splitProvince(text);
    if (name === "" && province)
      return { kind: "province", typed: query.trim(), provinces: this.todaysProvinces(province) };
    if (name === "") return NONE;
    const inProvince = (m: CommuneMatch) => !province || matchesProvince(m, province);
    const inDistrict = this.wardOfDistrict(name, province);
    if (inDistrict.length > 0) return { kind: "communes", matches: inDistrict, approximate: false };
    const { kind, bare } = splitDistrictKind(name);
    const named = this.directory.matchName(name);
    const matches = named.matches.filter(inProvince);
    // "quận Hoàn Kiếm" is the district even though a ward is named Hoàn Kiếm today.
    if (kind || matches.length === 0 || named.approximate) {
      const districts = this.old
        .districtsNamed(bare, kind)
        .filter((d) => !province || provinceKey(d.province) === province);
      if (districts.length > 0 && (kind || !/^\d+$/.test(bare))) return districtAnswer(districts);
    }
    return matches.length > 0
      ? { kind: "communes", matches, approximate: named.approximate, loose: named.loose }
      : NONE;
  }

  /** "phuong 1 quan 3": the old units of that name in that old district, where each went. */
  private wardOfDistrict(name: string, province?: string): CommuneMatch[] {
    const words = name.split(" ");
    for (let start = 1; start < words.length; start++) {
      const { kind, bare } = splitDistrictKind(words.slice(start).join(" "));
      // "1 3" is no place; a numbered district needs its kind word ("quận 3").
      if (/^\d+$/.test(bare) && !kind) continue;
      const districts = this.old
        .districtsNamed(bare, kind)
        .filter((d) => !province || provinceKey(d.province) === province);
      const ward = nameKey(words.slice(0, start).join(" "));
      const units = districts.flatMap((d) => d.units);
      const found = units.filter((m) => nameKey(m.oldUnit?.name ?? "") === ward);
      // A current name with the old district ("phường Bàn Cờ quận 3") is fine too.
      const current =
        found.length > 0
          ? found
          : units.filter((m) => nameKey(m.commune.name) === ward).map((m) => ({ commune: m.commune }));
      if (current.length > 0) return dedupeByCommune(current);
    }
    return [];
  }

  /** "bao thang nghe an" -> name "bao thang", province "nghe an"; old provinces too. */
  private splitProvince(text: string): { name: string; province?: string } {
    for (const province of this.provinceKeys) {
      if (text === province) return { name: "", province };
      if (text.endsWith(` ${province}`)) {
        const name = text
          .slice(0, -province.length - 1)
          .replace(/\s+(tinh|thanh pho|thu do)$/, "")
          .trim();
        return { name: name === "tinh" || name === "thanh pho" ? "" : name, province };
      }
    }
    return { name: text };
  }

  private todaysProvinces(key: string): string[] {
    const today = [...this.directory.all()].find((c) => provinceKey(c.province) === key)?.province;
    return today ? [today] : this.old.todaysProvinces(key);
  }
}

/**
 * Typed with tone marks, "Thuận Hóa" means Thuận Hóa, not Thuận Hòa (the same letters without
 * marks): names whose every word is among the typed words, marks included, come alone.
 */
function preferTyped(matches: CommuneMatch[], query: string): CommuneMatch[] {
  if (
    foldVietnamese(query) ===
    query
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim()
  )
    return matches;
  const typed = new Set(markedTokens(query).map(toneKey));
  const named = (m: CommuneMatch) =>
    markedTokens(nameKeyMarked(m.oldUnit?.name ?? m.commune.name)).every((w) => typed.has(toneKey(w)));
  const exact = matches.filter(named);
  return exact.length > 0 ? exact : matches;
}

/** "Phường Thuận Hóa" -> "Thuận Hóa": the name without its kind, marks kept. */
const nameKeyMarked = (name: string) => name.replace(/^(xã|phường|thị trấn|đặc khu)\s+/iu, "");

/** In the typed province: today's, or the old one the commune (or the old unit named) was in. */
function matchesProvince({ commune, oldUnit }: CommuneMatch, key: string): boolean {
  if (provinceKey(commune.province) === key) return true;
  return oldUnit
    ? provinceKey(oldUnit.province) === key
    : commune.formedFrom.some((u) => provinceKey(u.province) === key);
}

function districtAnswer(districts: OldDistrict[]): PlaceAnswer {
  const communes = new Map<string, Commune>();
  for (const d of districts) for (const u of d.units) communes.set(u.commune.code, u.commune);
  return { kind: "district", districts, communes: [...communes.values()] };
}
