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
 * told the right shape if malformed) rather than a question: mostly digits with dots or dashes.
 */
export function looksLikeDossierCode(text: string): boolean {
  const compact = normalizeDossierCode(text);
  if (compact.length < 10 || compact.length > 40) return false;
  const digits = compact.replace(/\D/g, "").length;
  return /^[0-9A-Z.\-/]+$/.test(compact) && digits >= compact.length / 2 && /[.\-/]/.test(compact);
}
