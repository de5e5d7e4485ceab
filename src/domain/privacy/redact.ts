import { looksLikeDossierCode } from "../dossiers/code-format.ts";

/**
 * What a citizen typed, with what identifies a person replaced by placeholders: e-mail
 * addresses, dossier codes, phone numbers and ID numbers. Applied before a query is logged,
 * stored or shown to staff, so that "Trần Thị Hoa 0912 345 678 hỏi hồ sơ" is kept as
 * "Trần Thị Hoa [phone] hỏi hồ sơ": staff still see what people ask, not how to reach them.
 * (Names are kept: telling a name from the words of a question is beyond a pattern.)
 *
 * `codePattern` is the deployment's DOSSIER_CODE_PATTERN (anchored, as it checks a whole code);
 * codes of other shapes are caught by how they look.
 */
export function redactPersonal(text: string, codePattern?: RegExp): string {
  let out = text.replace(EMAIL, "[email]");
  const codes = unanchored(codePattern);
  if (codes) out = out.replace(codes, "[code]");
  out = out.replace(PHONE, "[phone]").replace(ID_NUMBER, "[id]");
  return out.replace(/\S+/g, (word) => (looksLikeDossierCode(word) ? "[code]" : word));
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/**
 * Vietnamese numbers as people write them: 0912345678, 0912 345 678, 0912.345.678,
 * +84 912 345 678, (+84) 912345678, 84912345678, landlines 0234 3822 123. Ten or eleven digits
 * with the leading 0, or the same without it after 84.
 */
const PHONE = /(?<![\d+])(?:\(?\+?84\)?[\s.-]?|0)\d(?:[\s.-]?\d){8,9}(?!\d)/g;

/** An ID card number: 9 digits (CMND) or 12 (CCCD), and what lies between, grouped or not. */
const ID_NUMBER = /(?<!\d)\d(?:[\s.]?\d){8,11}(?!\d)/g;

/** The code pattern made to find codes inside a text: anchors dropped, and not inside a longer word. */
function unanchored(pattern: RegExp | undefined): RegExp | undefined {
  if (!pattern) return undefined;
  const source = pattern.source.replace(/^\^/, "").replace(/(?<!\\)\$$/, "");
  try {
    return new RegExp(`(?<![A-Za-z0-9])(?:${source})(?![A-Za-z0-9])`, `g${pattern.flags.replace(/[gy]/g, "")}`);
  } catch {
    return undefined;
  }
}
