import { normalizeDossierCode } from "./code.ts";

/** The shape of dossier codes in this deployment (police, land offices... number differently). */
export interface DossierCodeFormat {
  pattern: RegExp;
  /** Shown to someone who typed a malformed code. */
  example: string;
}

/** The normalised code, or undefined when it does not have the deployment's shape. */
export function parseDossierCode(input: string, format: DossierCodeFormat): string | undefined {
  const code = normalizeDossierCode(input);
  return format.pattern.test(code) ? code : undefined;
}

/**
 * Whether a chat message is an attempt at a dossier code (so it is answered as a look-up, and
 * told the right shape if malformed) rather than a question: mostly digits, few letters, with
 * dots, dashes or slashes. A legal reference such as "123/2015/NĐ-CP" has too many letters.
 */
export function looksLikeDossierCode(text: string): boolean {
  const compact = normalizeDossierCode(text);
  if (compact.length < 10 || compact.length > 40 || !/^[0-9A-Z.\-/]+$/.test(compact)) return false;
  const digits = compact.replace(/\D/g, "").length;
  const letters = compact.replace(/[^A-Z]/g, "").length;
  return digits >= compact.length / 2 && letters <= compact.length / 5 && /[.\-/]/.test(compact);
}
