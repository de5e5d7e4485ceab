import { foldVietnamese } from "../../domain/text/fold.ts";

/** A message that is only a greeting ("xin chào", "hello"), as listed in data/synonyms.json. */
export function isGreeting(text: string, greetings: readonly string[]): boolean {
  const folded = foldVietnamese(text);
  return folded !== "" && greetings.some((g) => foldVietnamese(g) === folded);
}

/** What people type (or the reply button sends) to go on without naming their commune. */
const SKIP_WORDS = new Set(["bo qua", "skip", "bo qua chon xa", "khong chon", "de sau", "later"]);

export function isSkip(text: string, skipLabel: string): boolean {
  const folded = foldVietnamese(text);
  return SKIP_WORDS.has(folded) || folded === foldVietnamese(skipLabel);
}
