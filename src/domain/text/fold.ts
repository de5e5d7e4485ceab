/**
 * Folding of Vietnamese text for matching: what a citizen types without tone marks on a phone
 * must meet the official spelling. "Đăng ký Khai sinh!" and "dang ky khai sinh" both fold to
 * "dang ky khai sinh".
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Lower-cases, strips tone and vowel marks (đ becomes d) and keeps words separated by one space. */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(NOT_WORD, " ")
    .trim();
}

/** The folded words of a text, in order. */
export function foldedTokens(text: string): string[] {
  const folded = foldVietnamese(text);
  return folded === "" ? [] : folded.split(" ");
}
