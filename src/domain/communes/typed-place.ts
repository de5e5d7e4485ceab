import { foldVietnamese } from "../text/fold.ts";

/**
 * Short forms people use for the kinds of units, expanded so "P1 Q3", "p.12 gò vấp", "F7 Phú
 * Nhuận", "tx Hương Trà" and "phường 1 quận 3" all read the same. Applied to folded text.
 */
const SHORT_FORMS: [RegExp, string][] = [
  // Ho Chi Minh City and Hà Nội as everyone abbreviates them.
  [/\b(?:tp ?hcm|hcm)\b/g, "ho chi minh"],
  [/\b(?:tp ?hn)\b/g, "ha noi"],
  // "p1", "p 1", "p.1", "f1" (Saigon's "phường" in slang): a numbered ward.
  [/\b[pf] ?(\d{1,2})\b/g, "phuong $1"],
  [/\bq ?(\d{1,2})\b/g, "quan $1"],
  [/\bq\b/g, "quan"],
  [/\btx\b/g, "thi xa"],
  [/\btt\b/g, "thi tran"],
  [/\btp\b/g, "thanh pho"],
  [/\bh\b(?= [a-z])/g, "huyen"],
];

/** Folded, with the short forms of kinds written out. */
export function canonicalPlace(typed: string): string {
  let text = foldVietnamese(typed);
  for (const [pattern, replacement] of SHORT_FORMS) text = text.replace(pattern, replacement);
  return text;
}

/** District kinds before 1 July 2025, folded: "quận", "huyện", "thị xã", "thành phố" (thuộc tỉnh). */
const DISTRICT_KIND = /^(quan|huyen|thi xa|thanh pho)\s+/;

/** "Quận 3" -> { kind: "quan", bare: "3" }; "Huyện Kỳ Sơn" -> { kind: "huyen", bare: "ky son" }. */
export function splitDistrictKind(folded: string): { kind?: string; bare: string } {
  const match = DISTRICT_KIND.exec(folded);
  return match ? { kind: match[1] as string, bare: folded.slice(match[0].length) } : { bare: folded };
}

/** "phường 2", "P2", "2": a numbered ward without its old district. */
export const isNumberedWard = (typed: string) => /^(phuong )?\d{1,2}$/.test(canonicalPlace(typed));
