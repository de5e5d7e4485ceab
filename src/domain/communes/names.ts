import { foldVietnamese } from "../text/fold.ts";

/** Kind words people put before a name: "xã", "phường", "thị trấn", "tt", "p."... */
export const KIND_PREFIX = /^(xa|phuong|thi tran|tt|dac khu|p|x)\s+/;

/** The folded name without its kind: "Xã Bảo Thắng" -> "bao thang". */
export function nameKey(name: string): string {
  return foldVietnamese(name).replace(KIND_PREFIX, "");
}

/** The folded province name without its kind: "tỉnh Nghệ An", "Nghệ An" -> "nghe an". */
export const provinceKey = (name: string) => foldVietnamese(name).replace(/^(tinh|thanh pho|thu do|tp)\s+/, "");
