/**
 * A label people paste in front of a code, matched on text without tone marks: "Mã hồ sơ:",
 * "Ma ho so", "MHS:", "Số hồ sơ", "Dossier code". A bare label needs a separator after it, so
 * a code that merely starts with the same letters keeps them.
 */
const LEADING_LABEL = /^(?:ma\s*ho\s*so|ma\s*hs|mhs|so\s*ho\s*so|dossier\s*code|code)(?:\s*[:#-]\s*|\s+)/i;

/** Dashes that word processors put in place of "-" when a receipt's code is copied from them. */
const DASHES = /[\u2010-\u2015\u2212]/g;

/**
 * A dossier code as people type or paste it, in the form it is stored under: surrounding and
 * inner whitespace removed, a stray leading label ("Mã hồ sơ:", "MHS:", "#") dropped, upper
 * case. " 000.00.53.h48 - 220921 - 0099 " -> "000.00.53.H48-220921-0099". Codes are ASCII,
 * so tone marks are dropped too. No format check: that is configurable per deployment.
 */
export function normalizeDossierCode(input: string): string {
  const plain = input
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .replace(DASHES, "-")
    .trim();
  return plain
    .replace(LEADING_LABEL, "")
    .replace(/^#/, "")
    .replace(/[\s\u200b\ufeff]+/g, "")
    .toUpperCase();
}
