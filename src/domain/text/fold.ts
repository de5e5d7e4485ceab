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

/** Combining tone marks: huyền, sắc, ngã, hỏi, nặng. */
const TONE_MARKS: Record<string, string> = {
  "\u0300": "2",
  "\u0301": "1",
  "\u0303": "4",
  "\u0309": "3",
  "\u0323": "5",
};
const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * A word's letters and tone, independent of where the tone mark sits ("hòa" and "hoà" are the
 * same word in the two spelling conventions) and of "i"/"y" after one consonant ("kí"/"ký"):
 * "vàng" -> "vang2", "vắng" -> "văng1". Lets a query typed with tone marks tell "giá vàng"
 * (gold price) from "tạm vắng" (temporary absence), which folding alone cannot.
 */
export function toneKey(word: string): string {
  const decomposed = word.normalize("NFD").toLowerCase();
  const tone =
    decomposed
      .match(TONE_MARK)
      ?.map((m) => TONE_MARKS[m])
      .join("") ?? "";
  const letters = decomposed
    .replace(TONE_MARK, "")
    .normalize("NFC")
    .replace(/^([^aeiouyăâêôơư]{1,2})i$/, "$1y");
  return `${letters}${tone}`;
}

/** The words of a text as typed (lower case, marks kept), aligned with `foldedTokens`. */
export function markedTokens(text: string): string[] {
  const marked = text.normalize("NFC").toLowerCase().replace(NOT_WORD, " ").trim();
  return marked === "" ? [] : marked.split(" ");
}
