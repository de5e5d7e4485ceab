import type { ImportedCenters } from "../catalog/schema.ts";
import type { CommuneDirectory } from "../communes/directory.ts";
import { nameKey, provinceKey } from "../communes/names.ts";
import { foldVietnamese } from "../text/fold.ts";
import { type RejectedRow, rejectedRow, type SheetRow } from "./types.ts";

/** Columns of the merger lookup site's list (see shared data README). */
const REQUIRED = ["tentinh", "loai", "tenhc", "trungtamhc", "kinhdo", "vido"] as const;

export interface CenterImport {
  centers: ImportedCenters["centers"];
  /** Rows that are malformed: the import must not be applied. */
  rejected: RejectedRow[];
  /** Well-formed rows naming a commune the national list does not have (e.g. later changes). */
  unmatched: RejectedRow[];
}

/**
 * Reads headquarters addresses and coordinates from the lookup site's list and matches each row
 * to a commune of the national list by province and name (the site's own ids are not official
 * codes).
 */
export function readCenterRows(rows: SheetRow[], directory: CommuneDirectory): CenterImport {
  const result: CenterImport = { centers: {}, rejected: [], unmatched: [] };
  const missing = REQUIRED.filter((c) => rows[0] && !(c in rows[0].cells));
  if (missing.length > 0) {
    result.rejected.push(rejectedRow(1, { key: "missing_columns", columns: [...missing] }));
    return result;
  }
  const codeOf = communeCodeFinder(directory);
  for (const { line, cells } of rows) {
    const lat = Number(cells.vido);
    const lon = Number(cells.kinhdo);
    const address = (cells.trungtamhc ?? "").trim();
    if (!address) result.rejected.push(rejectedRow(line, { key: "center_address_empty" }));
    else if (!isCoordinate(lat, -90, 90) || !isCoordinate(lon, -180, 180)) {
      const reason = { key: "center_not_coordinates", lon: cells.kinhdo ?? "", lat: cells.vido ?? "" } as const;
      result.rejected.push(rejectedRow(line, reason));
    } else {
      const code = codeOf(cells.tentinh ?? "", cells.loai ?? "", cells.tenhc ?? "");
      if (code && result.centers[code])
        result.unmatched.push(rejectedRow(line, { key: "center_twice", commune: code }));
      else if (code) result.centers[code] = { ...(isPlaceholder(address) ? {} : { address }), location: { lat, lon } };
      else {
        const [kind, name, province] = [cells.loai ?? "", cells.tenhc ?? "", cells.tentinh ?? ""];
        result.unmatched.push(rejectedRow(line, { key: "center_no_commune", kind, name, province }));
      }
    }
  }
  return result;
}

/**
 * Finds a commune's code by province, kind and name, tone marks included first (a province can
 * have both Xã Văn Lang and Xã Văn Lăng); then without them; when the kind differs (a commune
 * that became a ward), by province and name alone if only one commune of the province has it.
 */
function communeCodeFinder(directory: CommuneDirectory) {
  const exact = new Map<string, string>();
  const byKindAndName = new Map<string, string>();
  const byName = new Map<string, string | null>();
  for (const c of directory.all()) {
    const province = provinceKey(c.province);
    exact.set(`${province}|${withTones(c.name)}`, c.code);
    byKindAndName.set(`${province}|${foldVietnamese(c.name)}`, c.code);
    const key = `${province}|${nameKey(c.name)}`;
    byName.set(key, byName.has(key) ? null : c.code);
  }
  return (province: string, kind: string, name: string): string | undefined =>
    exact.get(`${provinceKey(province)}|${withTones(`${kind} ${name}`)}`) ??
    byKindAndName.get(`${provinceKey(province)}|${foldVietnamese(`${kind} ${name}`)}`) ??
    byName.get(`${provinceKey(province)}|${nameKey(name)}`) ??
    undefined;
}

/** What the list says where it has no street address yet ("đang cập nhật": being updated; "giữ nguyên": unchanged). */
const PLACEHOLDERS = new Set(["dang cap nhat", "giu nguyen"]);
const isPlaceholder = (address: string) => PLACEHOLDERS.has(foldVietnamese(address));

const withTones = (name: string) => name.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

const isCoordinate = (x: number, min: number, max: number) => Number.isFinite(x) && x >= min && x <= max && x !== 0;
